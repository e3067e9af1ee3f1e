// Reassignment and escalation (Shop.settings.routing): minutes without a reply before an assigned
// conversation goes to another available team member, and before it goes to the team lead. Empty:
// off. Posts intent=settings to /app/routing.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineGrid, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { RoutingSettings } from "../../routing/settings";

export function RoutingSettingsCard({ settings }: { settings: RoutingSettings }) {
  const fetcher = useFetcher<{ ok: boolean; error?: string }>();
  const [reassign, setReassign] = useState(settings.reassignAfterMinutes?.toString() ?? "");
  const [escalate, setEscalate] = useState(settings.escalateAfterMinutes?.toString() ?? "");
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <Card>
      <fetcher.Form method="post" action="/app/routing">
        <input type="hidden" name="intent" value="settings" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Reassignment and escalation
          </Text>
          <Text as="p" tone="subdued">
            When the assignee has not replied: after the first time, another available member of the conversation’s team
            gets it; after the second (counted from the customer’s oldest unanswered message), the team lead does. An
            SLA breach also escalates to the team lead. Leave a field empty to switch it off.
          </Text>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <TextField
              label="Reassign after (minutes without a reply)"
              name="reassignAfterMinutes"
              type="number"
              min={1}
              value={reassign}
              onChange={setReassign}
              autoComplete="off"
            />
            <TextField
              label="Escalate to the team lead after (minutes)"
              name="escalateAfterMinutes"
              type="number"
              min={1}
              value={escalate}
              onChange={setEscalate}
              autoComplete="off"
            />
          </InlineGrid>
          {answer && !answer.ok ? <Banner tone="critical">{answer.error}</Banner> : null}
          {answer?.ok ? <Banner tone="success">Saved.</Banner> : null}
          <Button submit loading={fetcher.state !== "idle"}>
            Save
          </Button>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}
