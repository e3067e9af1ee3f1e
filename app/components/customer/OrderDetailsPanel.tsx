// One order as Shopify has it right now: status, line items, fulfillments and tracking.
import { Badge, Banner, BlockStack, Button, Divider, InlineStack, Link, List, Spinner, Text } from "@shopify/polaris";
import { formatDateTime, formatMoney, humanize, type ShopFormat } from "../format";
import { FulfillmentBadge } from "../StatusBadges";
import type { OrderRefreshData } from "./page-data";

export function OrderDetailsPanel({
  orderName,
  loading,
  data,
  format,
  onClose,
}: {
  orderName: string;
  loading: boolean;
  data: OrderRefreshData;
  format: ShopFormat;
  onClose: () => void;
}) {
  return (
    <BlockStack gap="300">
      <InlineStack align="space-between" blockAlign="center">
        <Text as="h3" variant="headingSm">
          {orderName} in Shopify
        </Text>
        <Button variant="plain" onClick={onClose}>
          Close
        </Button>
      </InlineStack>
      {loading || !data ? (
        <InlineStack gap="200" blockAlign="center">
          <Spinner size="small" accessibilityLabel="Loading order from Shopify" />
          <Text as="span" tone="subdued">
            Asking Shopify for the latest details…
          </Text>
        </InlineStack>
      ) : !data.ok ? (
        <Banner tone="critical" title="Could not refresh this order">
          <Text as="p">{data.error}</Text>
        </Banner>
      ) : (
        <BlockStack gap="300">
          <InlineStack gap="200" wrap>
            {data.order.financialStatus ? <Badge>{humanize(data.order.financialStatus)}</Badge> : null}
            <FulfillmentBadge status={data.order.fulfillmentStatus} cancelled={data.order.cancelledAt !== null} />
            <Text as="span" fontWeight="semibold">
              {formatMoney(data.order.totalPrice, data.order.currency, format.locale)}
            </Text>
          </InlineStack>
          {data.order.lineItems.length > 0 ? (
            <List type="bullet">
              {data.order.lineItems.map((li, i) => (
                <List.Item key={i}>
                  {li.quantity} × {li.title}
                  {li.sku ? ` (${li.sku})` : ""}
                </List.Item>
              ))}
            </List>
          ) : null}
          {data.order.fulfillments.length > 0 ? (
            <BlockStack gap="100">
              {data.order.fulfillments.map((f, i) => (
                <InlineStack key={i} gap="200" blockAlign="center" wrap>
                  <Badge tone={f.shipmentStatus === "delivered" ? "success" : "info"}>
                    {humanize(f.shipmentStatus ?? f.status) || "Fulfillment"}
                  </Badge>
                  {f.trackingCompany || f.trackingNumber ? (
                    <Text as="span">{[f.trackingCompany, f.trackingNumber].filter(Boolean).join(" ")}</Text>
                  ) : null}
                  {f.trackingUrl && /^https?:\/\//.test(f.trackingUrl) ? (
                    <Link url={f.trackingUrl} external>
                      Track shipment
                    </Link>
                  ) : null}
                  {f.updatedAt ? (
                    <Text as="span" tone="subdued">
                      Updated {formatDateTime(f.updatedAt, format)}
                    </Text>
                  ) : null}
                </InlineStack>
              ))}
            </BlockStack>
          ) : (
            <Text as="p" tone="subdued">
              No fulfillments yet.
            </Text>
          )}
          {data.order.orderStatusUrl && /^https:\/\//.test(data.order.orderStatusUrl) ? (
            <Link url={data.order.orderStatusUrl} external>
              Customer&apos;s order status page
            </Link>
          ) : null}
          <Divider />
          <Text as="p" variant="bodySm" tone="subdued">
            Fetched from Shopify {formatDateTime(data.fetchedAt, format)}. The stored copy updates through webhooks.
          </Text>
        </BlockStack>
      )}
    </BlockStack>
  );
}
