// The last 30 days of satisfaction surveys, beside the survey's settings.
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { CsatKpis } from "../../csat/kpis.server";

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 1000) / 10}%`);

export function CsatKpisCard({ kpis }: { kpis: CsatKpis }) {
  const figures: Array<[string, string]> = [
    ["CSAT (4 or 5)", pct(kpis.csat)],
    ["Average score", kpis.averageScore === null ? "—" : `${kpis.averageScore}/5`],
    ["Response rate", pct(kpis.responseRate)],
    ["Surveys sent", String(kpis.sent)],
    ["Answers", String(kpis.answered)],
    ["Not sent (opted out, no address…)", String(kpis.skipped)],
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Last 30 days
        </Text>
        <InlineGrid columns={{ xs: 2, sm: 3 }} gap="300">
          {figures.map(([label, value]) => (
            <BlockStack key={label} gap="100">
              <Text as="p" tone="subdued">
                {label}
              </Text>
              <Text as="p" variant="headingLg">
                {value}
              </Text>
            </BlockStack>
          ))}
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
