// The merge page's search for the other customer (name, email, phone or label), with a
// "Preview merge" link per match.
import { BlockStack, Box, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";

export function MergeSearchCard({
  query,
  onQueryChange,
  q,
  results,
  previewUrl,
}: {
  /** What is typed; `q` is what the results are for. */
  query: string;
  onQueryChange: (value: string) => void;
  q: string;
  results: ReadonlyArray<{ id: string; name: string; email: string | null; phone: string | null }>;
  previewUrl: (otherId: string) => string;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <TextField
          label="Find the customer to merge into this one"
          placeholder="Name, email, phone, or a label such as “Visitor on the cart”"
          value={query}
          onChange={onQueryChange}
          autoComplete="off"
          clearButton
          onClearButtonClick={() => onQueryChange("")}
          autoFocus
        />
        {q && results.length === 0 ? (
          <Text as="p" tone="subdued">
            No other customer matches “{q}”.
          </Text>
        ) : null}
        {results.length > 0 ? (
          <BlockStack gap="200" as="ul">
            {results.map((r) => (
              <Box as="li" key={r.id}>
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <BlockStack gap="050">
                    <Text as="span" fontWeight="semibold">
                      {r.name}
                    </Text>
                    <Text as="span" variant="bodySm" tone="subdued">
                      {[r.email, r.phone].filter(Boolean).join(" · ") || "No email or phone"}
                    </Text>
                  </BlockStack>
                  <Button url={previewUrl(r.id)} accessibilityLabel={`Preview merging ${r.name}`}>
                    Preview merge
                  </Button>
                </InlineStack>
              </Box>
            ))}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
