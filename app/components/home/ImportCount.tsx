// One record type's import count on the Home page's import card, with a bar once the total is known.
import { BlockStack, ProgressBar, Text } from "@shopify/polaris";
import { formatNumber } from "../format";
import { progressOf } from "./progress";

export function ImportCount({
  label,
  imported,
  total,
  locale,
}: {
  label: string;
  imported: number;
  total: number | null;
  locale: string;
}) {
  const pct = progressOf(imported, total);
  return (
    <BlockStack gap="100">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg">
        {formatNumber(imported, locale)}
        {total !== null ? ` / ${formatNumber(total, locale)}` : ""}
      </Text>
      {pct !== null ? <ProgressBar progress={pct} size="small" tone={pct >= 100 ? "success" : "highlight"} /> : null}
    </BlockStack>
  );
}
