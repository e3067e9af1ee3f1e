// Test send: one variant on one channel to an address staff type in, labelled "[Test]", not counted
// in the results. Uses the saved version of the campaign.
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { channelLabel } from "../StatusBadges";
import type { CampaignChannel } from "../../campaigns/content";

type Answer =
  { ok: true; to: string; channel: string } | { ok: false; error: string; fieldErrors?: Record<string, string> };

export function TestSendCard({
  variants,
  channels,
  action,
  dirty,
}: {
  variants: string[];
  channels: CampaignChannel[];
  action: string;
  dirty: boolean;
}) {
  const fetcher = useFetcher<Answer>();
  const [variant, setVariant] = useState(variants[0] ?? "A");
  const [channel, setChannel] = useState<string>(channels[0] ?? "SMS");
  const [to, setTo] = useState("");
  const data = fetcher.data;
  const errors = data && !data.ok ? (data.fieldErrors ?? {}) : {};
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Send a test
        </Text>
        <Text as="p" tone="subdued">
          Sends the saved message, rendered for a member of the segment, marked [Test]. It is not counted in the
          results.
        </Text>
        {dirty ? <Banner tone="warning">Save the draft to test your latest changes.</Banner> : null}
        {data && data.ok ? (
          <Banner tone="success">{`Test sent to ${data.to} by ${channelLabel(data.channel)}.`}</Banner>
        ) : null}
        {data && !data.ok && !Object.keys(errors).length ? <Banner tone="critical">{data.error}</Banner> : null}
        <FormLayout>
          <FormLayout.Group>
            {variants.length > 1 ? (
              <Select
                label="Variant"
                options={variants.map((v) => ({ label: `Variant ${v}`, value: v }))}
                value={variant}
                onChange={setVariant}
                error={errors.variant}
              />
            ) : null}
            <Select
              label="Test channel"
              options={channels.map((c) => ({ label: channelLabel(c), value: c }))}
              value={channel}
              onChange={setChannel}
              error={errors.channel}
            />
            <TextField
              label="Send test to"
              value={to}
              onChange={setTo}
              placeholder={channel === "EMAIL" ? "you@example.com" : "+14155550123"}
              autoComplete="off"
              error={errors.to ?? errors.body ?? errors.subject}
            />
          </FormLayout.Group>
        </FormLayout>
        <InlineStack>
          <Button
            loading={fetcher.state !== "idle"}
            disabled={!to.trim()}
            onClick={() => fetcher.submit({ intent: "test_send", variant, channel, to }, { method: "post", action })}
          >
            Send test
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
