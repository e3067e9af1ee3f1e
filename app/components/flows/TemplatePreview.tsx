// The rendered template beside the editor, announced to screen readers as it changes.
import { BlockStack, Box, InlineStack, Spinner, Text } from "@shopify/polaris";
import type { EditableChannel } from "../flow-format";
import type { PreviewData } from "./page-data";

export function TemplatePreview({
  channel,
  customerId,
  result,
  loading,
  label,
}: {
  channel: EditableChannel;
  customerId: string;
  result: PreviewData | undefined;
  loading: boolean;
  label: string;
}) {
  return (
    <Box background="bg-surface-secondary" borderRadius="200" padding="300">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            Preview
          </Text>
          {loading ? <Spinner size="small" accessibilityLabel="Rendering preview" /> : null}
        </InlineStack>
        <div role="status" aria-live="polite" aria-label={label} data-testid="template-preview">
          {!customerId ? (
            <Text as="p" tone="subdued">
              Choose a customer to preview with.
            </Text>
          ) : !result ? (
            <Text as="p" tone="subdued">
              Rendering…
            </Text>
          ) : result.ok ? (
            <BlockStack gap="200">
              {"notice" in result && result.notice ? (
                <Text as="p" tone="caution" variant="bodySm">
                  {result.notice}
                </Text>
              ) : null}
              {result.subject !== null && channel === "EMAIL" ? (
                <Text as="p" fontWeight="semibold">
                  {result.subject}
                </Text>
              ) : null}
              <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                <Text as="p">{result.body}</Text>
              </div>
            </BlockStack>
          ) : (
            <Text as="p" tone="critical">
              The preview cannot be shown until the {result.field === "subject" ? "subject" : "message"} is fixed.
            </Text>
          )}
        </div>
      </BlockStack>
    </Box>
  );
}
