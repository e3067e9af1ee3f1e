// Sends a test message through a connected Twilio or SendGrid account and shows the provider's answer.
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import type { ChannelActionData } from "../../channels/settings-page.server";
import type { ConnectableProvider } from "../channel-fields";
import { formatDateTime, type ShopFormat } from "../format";

export function TestSendForm({
  provider,
  lastTestedAt,
  format,
}: {
  provider: ConnectableProvider;
  lastTestedAt: string | null;
  format: ShopFormat;
}) {
  const fetcher = useFetcher<ChannelActionData>();
  const [to, setTo] = useState("");
  const [channel, setChannel] = useState(provider === "TWILIO" ? "SMS" : "EMAIL");
  const data = fetcher.data as ChannelActionData | undefined;
  const result = data?.intent === "test" ? data : undefined;
  const email = provider === "SENDGRID";
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="test" />
      <input type="hidden" name="provider" value={provider} />
      <input type="hidden" name="channel" value={channel} />
      <BlockStack gap="300">
        <Text as="h3" variant="headingSm">
          Send a test message
        </Text>
        <InlineStack gap="300" blockAlign="end" wrap>
          {provider === "TWILIO" ? (
            <Select
              label="Channel"
              options={[
                { label: "SMS", value: "SMS" },
                { label: "WhatsApp", value: "WHATSAPP" },
              ]}
              value={channel}
              onChange={setChannel}
            />
          ) : null}
          <div style={{ minWidth: "18rem" }}>
            <TextField
              label={email ? "Test email address" : "Test phone number"}
              name="to"
              type={email ? "email" : "tel"}
              autoComplete="off"
              value={to}
              onChange={setTo}
              placeholder={email ? "you@example.com" : "+14155550123"}
              error={result?.fieldErrors?.to}
            />
          </div>
          <Button submit loading={fetcher.state !== "idle"}>
            Send test
          </Button>
        </InlineStack>
        {result && !result.fieldErrors && fetcher.state === "idle" ? (
          result.result.ok ? (
            <Banner tone="success" title="Test message accepted">
              <Text as="p">
                Sent to {result.result.to}. Provider message id:{" "}
                <Text as="span" fontWeight="semibold">
                  {result.result.providerMessageId}
                </Text>
              </Text>
            </Banner>
          ) : (
            <Banner tone="critical" title="Test message failed">
              <Text as="p">
                {result.result.reason}
                {result.result.errorCode ? ` (code ${result.result.errorCode})` : ""}
              </Text>
            </Banner>
          )
        ) : null}
        <Text as="p" variant="bodySm" tone="subdued">
          Last tested: {lastTestedAt ? formatDateTime(lastTestedAt, format) : "never"}
        </Text>
      </BlockStack>
    </fetcher.Form>
  );
}
