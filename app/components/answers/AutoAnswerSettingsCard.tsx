// Automatic answers per channel (off, outside business hours, always), how many automatic messages
// in a row at most. "Outside business hours" and the hand-off notice read the shop calendar, which is
// edited on /app/settings/hours (linked from here). Posts to /app/answers/settings; shown on the Knowledge page
// with the data of autoAnswerCardData(shop.id) (app/answers/save-settings.server.ts).
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, InlineGrid, Link, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { AutoAnswerCardData } from "../../answers/save-settings.server";
import { AUTO_ANSWER_CHANNELS, type AutoAnswerMode } from "../../answers/settings";

type SaveAnswer = { ok: true } | { ok: false; error: string };

const CHANNEL_LABEL: Record<(typeof AUTO_ANSWER_CHANNELS)[number], string> = {
  SMS: "SMS",
  WHATSAPP: "WhatsApp",
  EMAIL: "Email",
  INSTAGRAM: "Instagram",
  MESSENGER: "Messenger",
  CHAT: "Storefront chat",
};
const MODE_OPTIONS: Array<{ label: string; value: AutoAnswerMode }> = [
  { label: "Off", value: "off" },
  { label: "Outside business hours", value: "outside_business_hours" },
  { label: "Always", value: "always" },
];

export function AutoAnswerSettingsCard({ data }: { data: AutoAnswerCardData }) {
  const fetcher = useFetcher<SaveAnswer>();
  const [modes, setModes] = useState<Record<string, AutoAnswerMode>>({ ...data.settings.channels });
  const [maxInARow, setMaxInARow] = useState(String(data.settings.maxInARow));
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;

  return (
    <div style={{ marginTop: 16 }}>
      <Card>
        <fetcher.Form method="post" action="/app/answers/settings">
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Automatic answers
            </Text>
            <Text as="p" tone="subdued">
              Answers a new customer message from your published articles, or tells the customer when a person will
              reply. It stops once a person replies or the conversation is assigned, never answers an out-of-office or a
              bounce, and starts again after you resolve the conversation.
            </Text>
            <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="300">
              {AUTO_ANSWER_CHANNELS.map((channel) => (
                <Select
                  key={channel}
                  label={CHANNEL_LABEL[channel]}
                  name={`channel.${channel}`}
                  options={MODE_OPTIONS}
                  value={modes[channel]}
                  onChange={(v) => setModes({ ...modes, [channel]: v as AutoAnswerMode })}
                />
              ))}
            </InlineGrid>
            <Box maxWidth="240px">
              <TextField
                label="At most in a row"
                name="maxInARow"
                type="number"
                min={1}
                max={20}
                value={maxInARow}
                onChange={setMaxInARow}
                autoComplete="off"
                helpText="Automatic messages before the assistant waits for a person."
              />
            </Box>
            <Text as="p">
              &ldquo;Outside business hours&rdquo; and the time a person will reply come from your{" "}
              <Link url="/app/settings/hours">business hours</Link> (time zone, weekdays, holidays).
            </Text>
            {answer && !answer.ok ? <Banner tone="critical">{answer.error}</Banner> : null}
            {answer && answer.ok ? <Banner tone="success">Automatic answer settings saved.</Banner> : null}
            <Box>
              <Button submit variant="primary" loading={fetcher.state !== "idle"}>
                Save automatic answers
              </Button>
            </Box>
          </BlockStack>
        </fetcher.Form>
      </Card>
    </div>
  );
}
