// The signed-in person's own availability (Online / Away): on the team page and the inbox header.
// Routing gives conversations only to members who are Online.
import { useFetcher } from "@remix-run/react";
import { ButtonGroup, Button, InlineStack, Text } from "@shopify/polaris";
import { TEAM_ACTION, type TeamActionResult } from "./types";

export function AvailabilityToggle({ availability }: { availability: "ONLINE" | "AWAY" | null }) {
  const fetcher = useFetcher<TeamActionResult>();
  // Shows the choice being sent at once; the loader's value once it is saved.
  const pending = fetcher.formData?.get("availability");
  const current = typeof pending === "string" ? pending : availability;
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const set = (value: "ONLINE" | "AWAY") =>
    fetcher.submit({ intent: "availability", availability: value }, { method: "post", action: TEAM_ACTION });
  return (
    <InlineStack gap="200" blockAlign="center">
      <Text as="span" variant="bodySm" tone="subdued">
        Your availability
      </Text>
      <ButtonGroup variant="segmented">
        <Button pressed={current === "ONLINE"} onClick={() => set("ONLINE")} size="slim">
          Online
        </Button>
        <Button pressed={current === "AWAY"} onClick={() => set("AWAY")} size="slim">
          Away
        </Button>
      </ButtonGroup>
      {answer && !answer.ok ? (
        <Text as="span" tone="critical" variant="bodySm">
          {answer.error}
        </Text>
      ) : null}
    </InlineStack>
  );
}
