// The merge preview: both customers side by side, the resulting consent, and the confirm form
// (or why these two cannot be merged).
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import { MergeConsentCard } from "./MergeConsentCard";
import { MergeSideCard } from "./MergeSideCard";
import type { Preview } from "./page-data";

export function MergePreview({
  customerId,
  preview,
  merging,
}: {
  customerId: string;
  preview: Preview;
  merging: boolean;
}) {
  if (!preview.ok) {
    return (
      <BlockStack gap="400">
        <Banner tone="critical" title="These customers cannot be merged">
          <Text as="p">{preview.reason}</Text>
        </Banner>
        {preview.survivor && preview.merged ? (
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <MergeSideCard title="Keeps" side={preview.survivor} />
            <MergeSideCard title="Would be merged" side={preview.merged} />
          </InlineGrid>
        ) : null}
      </BlockStack>
    );
  }
  return (
    <BlockStack gap="400">
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <MergeSideCard title="Keeps (this customer)" side={preview.survivor} />
        <MergeSideCard title="Merged into it" side={preview.merged} />
      </InlineGrid>
      <MergeConsentCard consent={preview.consent} />
      {preview.openConversationCollision ? (
        <Banner tone="info" title="Both customers have an open conversation">
          <Text as="p">
            The other customer&apos;s messages join this customer&apos;s open conversation, and their emptied
            conversation is resolved.
          </Text>
        </Banner>
      ) : null}
      <Card>
        <Form method="post" action={`/app/customers/${customerId}/merge`}>
          <input type="hidden" name="with" value={preview.merged.id} />
          <InlineStack align="space-between" blockAlign="center" gap="300">
            <Text as="p">
              Merge <strong>{preview.merged.name}</strong> into <strong>{preview.survivor.name}</strong>. You can undo
              this from the customer page.
            </Text>
            <InlineStack gap="200">
              <Button url={`/app/customers/${preview.merged.id}/merge?with=${preview.survivor.id}`}>
                Keep the other customer instead
              </Button>
              <Button variant="primary" tone="critical" submit loading={merging}>
                Merge customers
              </Button>
            </InlineStack>
          </InlineStack>
        </Form>
      </Card>
    </BlockStack>
  );
}
