// Automatic answers per channel (off, outside business hours, always), how many automatic messages
// in a row at most, and the shop's business hours (used for "outside business hours" and to tell a
// customer when a person will reply). Posts to /app/answers/settings; shown on the Knowledge page
// with the data of autoAnswerCardData(shop.id) (app/answers/save-settings.server.ts).
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, InlineGrid, Select, Text, TextField } from "@shopify/polaris";
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
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function AutoAnswerSettingsCard({ data }: { data: AutoAnswerCardData }) {
  const fetcher = useFetcher<SaveAnswer>();
  const [modes, setModes] = useState<Record<string, AutoAnswerMode>>({ ...data.settings.channels });
  const [maxInARow, setMaxInARow] = useState(String(data.settings.maxInARow));
  const [hours, setHours] = useState(() =>
    DAYS.map((_, day) => {
      const h = data.businessHours.hours.find((x) => x.day === day);
      return { open: h?.open ?? "", close: h?.close ?? "" };
    }),
  );
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
            <Text as="h3" variant="headingSm">
              Business hours ({data.timeZone})
            </Text>
            <Text as="p" tone="subdued">
              Leave both times empty for a closed day. A shop calendar with holidays will replace these hours.
            </Text>
            {DAYS.map((name, day) => (
              <InlineGrid key={name} columns={3} gap="200" alignItems="end">
                <Text as="span">{name}</Text>
                <TextField
                  label={`${name} opens`}
                  labelHidden
                  name={`hours.${day}.open`}
                  placeholder="09:00"
                  value={hours[day]!.open}
                  onChange={(v) => setHours(hours.map((h, i) => (i === day ? { ...h, open: v } : h)))}
                  autoComplete="off"
                />
                <TextField
                  label={`${name} closes`}
                  labelHidden
                  name={`hours.${day}.close`}
                  placeholder="17:00"
                  value={hours[day]!.close}
                  onChange={(v) => setHours(hours.map((h, i) => (i === day ? { ...h, close: v } : h)))}
                  autoComplete="off"
                />
              </InlineGrid>
            ))}
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
