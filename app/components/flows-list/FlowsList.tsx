// The Flows page's body: one section per group of flows (sections.ts), each a heading, a line on
// what its flows have in common, how many are on, and a card per flow.
import { BlockStack, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { ShopFormat } from "../format";
import { FlowCard } from "./FlowCard";
import type { FlowEntry } from "./page-data";
import { groupBySection } from "./sections";

export function FlowsList({ flows, format }: { flows: readonly FlowEntry[]; format: ShopFormat }) {
  return (
    <BlockStack gap="600">
      {groupBySection(flows)
        .filter(({ entries }) => entries.length > 0)
        .map(({ section, entries }) => {
          const headingId = `flows-section-${section.id}`;
          const on = entries.filter((entry) => entry.flow?.enabled).length;
          return (
            <section key={section.id} aria-labelledby={headingId}>
              <BlockStack gap="300">
                <BlockStack gap="100">
                  <InlineStack gap="200" blockAlign="baseline">
                    <Text as="h2" variant="headingLg" id={headingId}>
                      {section.title}
                    </Text>
                    <Text as="span" tone="subdued">
                      {on} of {entries.length} on
                    </Text>
                  </InlineStack>
                  <Text as="p" tone="subdued">
                    {section.description}
                  </Text>
                </BlockStack>
                <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
                  {entries.map((entry) => (
                    <FlowCard key={entry.kind} entry={entry} format={format} />
                  ))}
                </InlineGrid>
              </BlockStack>
            </section>
          );
        })}
    </BlockStack>
  );
}
