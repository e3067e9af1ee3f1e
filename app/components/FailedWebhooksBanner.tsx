// Home: Shopify webhooks Threadline gave up on. Without this the merchant would never learn that
// an order or customer update is missing; the reason is shown as Threadline recorded it (as text).
import { Banner, BlockStack, List, Text } from "@shopify/polaris";
import { formatDateTime, formatNumber, type ShopFormat } from "./format";

export interface FailedWebhookView {
  id: string;
  topic: string;
  receivedAt: string;
  reason: string;
  retryable: boolean;
}

export function FailedWebhooksBanner({
  total,
  recent,
  format,
  retrying,
  onRetry,
}: {
  total: number;
  recent: FailedWebhookView[];
  format: ShopFormat;
  retrying: boolean;
  onRetry: () => void;
}) {
  const title =
    total === 1
      ? "1 webhook from Shopify could not be processed"
      : `${formatNumber(total, format.locale)} webhooks from Shopify could not be processed`;
  const retryable = recent.some((r) => r.retryable);
  return (
    <Banner
      tone="critical"
      title={title}
      action={retryable ? { content: "Retry them", onAction: onRetry, loading: retrying } : undefined}
    >
      <BlockStack gap="200">
        <Text as="p">
          Threadline tried each of these several times and stopped. The data they carry (an order, a customer, a
          checkout) is missing until they are processed: retry once the cause is fixed, or import from Shopify again.
        </Text>
        <List type="bullet">
          {recent.map((r) => (
            <List.Item key={r.id}>
              <Text as="span" fontWeight="semibold">
                {r.topic}
              </Text>
              , received {formatDateTime(r.receivedAt, format)}: {r.reason}
              {r.retryable ? "" : " (its content was already deleted, so it cannot be retried)"}
            </List.Item>
          ))}
        </List>
        {total > recent.length ? (
          <Text as="p" tone="subdued">
            and {formatNumber(total - recent.length, format.locale)} more.
          </Text>
        ) : null}
      </BlockStack>
    </Banner>
  );
}

/** After "Retry them": the list is gone, so say what happened to it and when it would come back. */
export function RetriedWebhooksBanner({ count, format }: { count: number; format: ShopFormat }) {
  const title =
    count === 1
      ? "1 webhook is being processed again"
      : `${formatNumber(count, format.locale)} webhooks are being processed again`;
  return (
    <Banner tone="success" title={title}>
      <Text as="p">If one still cannot be processed after its attempts, it is listed here again with its reason.</Text>
    </Banner>
  );
}
