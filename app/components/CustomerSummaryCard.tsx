// The customer page's summary: orders, spend, since when Shopify has known them, when they last
// did anything, and their addresses and accounts (platform ids behind "Show ids").
import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { formatDate, formatDateTime, formatMoney, formatNumber, type ShopFormat } from "./format";
import { countryName } from "./customer-label";
import { IdentityList, type IdentityRow } from "./CustomerIdentities";

export interface SummaryCustomer {
  ordersCount: number;
  totalSpent: string;
  /** Shopify's created_at, else our first sighting. */
  customerSince: string;
  lastActivityAt: string | null;
  locale: string | null;
  countryCode: string | null;
  shopifyCustomerId: string | null;
}

export function CustomerSummaryCard({
  customer,
  identities,
  format,
}: {
  customer: SummaryCustomer;
  identities: IdentityRow[];
  format: ShopFormat;
}) {
  const rows: Array<[string, string]> = [
    ["Orders", formatNumber(customer.ordersCount, format.locale)],
    ["Total spent", formatMoney(customer.totalSpent, format.currency, format.locale)],
    ["Customer since", formatDate(customer.customerSince, format)],
    ["Last activity", formatDateTime(customer.lastActivityAt, format)],
  ];
  if (customer.locale) rows.push(["Language", customer.locale]);
  if (customer.countryCode) rows.push(["Country", countryName(customer.countryCode) ?? customer.countryCode]);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Summary
        </Text>
        {rows.map(([label, value]) => (
          <InlineStack key={label} align="space-between" gap="200">
            <Text as="span" tone="subdued">
              {label}
            </Text>
            <Text as="span">{value}</Text>
          </InlineStack>
        ))}
        <Text as="h3" variant="headingSm">
          Identities
        </Text>
        {identities.length === 0 && !customer.shopifyCustomerId ? (
          <Text as="p" tone="subdued">
            No addresses or accounts are known for this customer.
          </Text>
        ) : (
          <IdentityList identities={identities} shopifyCustomerId={customer.shopifyCustomerId} />
        )}
      </BlockStack>
    </Card>
  );
}
