import { BlockStack, Card, Link, Text } from "@shopify/polaris";
import { formatNumber } from "../format";

/** One of the Home page's headline counts, linking to the page that works on it. */
export function SummaryTile({
  label,
  value,
  url,
  linkLabel,
}: {
  label: string;
  value: number;
  url: string;
  linkLabel: string;
}) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {formatNumber(value)}
        </Text>
        <Link url={url} removeUnderline>
          {linkLabel}
        </Link>
      </BlockStack>
    </Card>
  );
}
