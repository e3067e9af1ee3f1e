// The top of a channel card: name, channels, connection badge, then the last provider error and
// the outcome of the last save.
import { Badge, Banner, BlockStack, InlineStack, Text } from "@shopify/polaris";

export function ConnectionHeader({
  headingId,
  name,
  channels,
  connected,
  status,
  lastError,
  savedTitle,
  formError,
}: {
  headingId: string;
  name: string;
  channels: string;
  connected: boolean;
  status: string | null;
  lastError: string | null;
  /** Shown as a success banner right after a save. */
  savedTitle: string | null;
  formError: string | undefined;
}) {
  return (
    <>
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <BlockStack gap="050">
          <Text as="h2" variant="headingMd" id={headingId}>
            {name}
          </Text>
          <Text as="span" tone="subdued">
            {channels}
          </Text>
        </BlockStack>
        {connected ? (
          <Badge tone={status === "ERROR" ? "critical" : "success"}>{status === "ERROR" ? "Error" : "Connected"}</Badge>
        ) : (
          <Badge>Not connected</Badge>
        )}
      </InlineStack>
      {lastError ? (
        <Banner tone="critical" title="Last error">
          <Text as="p">{lastError}</Text>
        </Banner>
      ) : null}
      {savedTitle ? <Banner tone="success" title={savedTitle} /> : null}
      {formError ? (
        <Banner tone="critical" title="Not saved">
          <Text as="p">{formError}</Text>
        </Banner>
      ) : null}
    </>
  );
}
