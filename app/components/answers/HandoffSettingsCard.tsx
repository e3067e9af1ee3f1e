// The hand-off rules a merchant controls: topics that always go to a person, VIP customers (by
// lifetime spend or tag) and how sure an article must be before it is sent. The six mandatory
// topics are listed but cannot be switched off. Posts to /app/answers/handoff.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, InlineGrid, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { HandoffCardData, SaveHandoffResult } from "../../knowledge/save-answer-settings.server";

const MANDATORY =
  "A request for a person, anger or frustration, legal threats, chargebacks and disputes, injury or safety, and self-harm always go to a person.";

export function HandoffSettingsCard({ data }: { data: HandoffCardData }) {
  const fetcher = useFetcher<SaveHandoffResult>();
  const { settings } = data;
  const [topics, setTopics] = useState(settings.handoffTopics.join("\n"));
  const [vipTags, setVipTags] = useState(settings.vipTags.join("\n"));
  const [vipValue, setVipValue] = useState(settings.vipLifetimeValue ? String(settings.vipLifetimeValue) : "");
  const [percent, setPercent] = useState(String(Math.round(settings.confidenceThreshold * 100)));
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;

  return (
    <div style={{ marginTop: 16 }}>
      <Card>
        <fetcher.Form method="post" action="/app/answers/handoff">
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Hand-off to a person
            </Text>
            <Text as="p" tone="subdued">
              {MANDATORY} Add your own below.
            </Text>
            <TextField
              label="Topics for a person"
              name="handoffTopics"
              value={topics}
              onChange={setTopics}
              multiline={3}
              autoComplete="off"
              placeholder={"wholesale\ncustom order"}
              helpText="One per line. A message mentioning one (whole words, plurals too) goes to a person."
            />
            <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
              <TextField
                label={`VIP lifetime spend (${data.currency})`}
                name="vipLifetimeValue"
                type="number"
                min={0}
                value={vipValue}
                onChange={setVipValue}
                autoComplete="off"
                helpText="Customers who spent this much or more go to a person. Empty: none."
              />
              <TextField
                label="Answer only when at least this sure (%)"
                name="confidencePercent"
                type="number"
                min={50}
                max={99}
                value={percent}
                onChange={setPercent}
                autoComplete="off"
                helpText={`Calibrated on labelled questions; default ${Math.round(data.defaultThreshold * 100)} %. Lower answers more, and more often wrongly.`}
              />
            </InlineGrid>
            <TextField
              label="VIP tags"
              name="vipTags"
              value={vipTags}
              onChange={setVipTags}
              multiline={2}
              autoComplete="off"
              placeholder="VIP"
              helpText="One per line. A conversation carrying one of these tags goes to a person."
            />
            {answer && !answer.ok ? <Banner tone="critical">{answer.error}</Banner> : null}
            {answer && answer.ok ? <Banner tone="success">Hand-off rules saved.</Banner> : null}
            <Box>
              <Button submit loading={fetcher.state !== "idle"}>
                Save hand-off rules
              </Button>
            </Box>
          </BlockStack>
        </fetcher.Form>
      </Card>
    </div>
  );
}
