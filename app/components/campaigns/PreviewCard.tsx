// "Preview on customers": posts the draft being edited (intent=preview) and shows what a few real
// members of the segment would receive, per variant and channel. Rendered text stays text: React
// escapes it and nothing here is HTML.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { channelLabel } from "../StatusBadges";
import type { CampaignDraftInput } from "../../campaigns/editor/draft";
import type { CampaignPreview } from "../../campaigns/editor/preview.server";

type PreviewAnswer = { ok: true; preview: CampaignPreview } | { ok: false; error: string };

export function PreviewCard({ draft, action }: { draft: CampaignDraftInput; action: string }) {
  const fetcher = useFetcher<PreviewAnswer>();
  const data = fetcher.data;
  const preview = data && data.ok ? data.preview : null;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Preview on customers
          </Text>
          <Button
            loading={fetcher.state !== "idle"}
            onClick={() =>
              fetcher.submit({ intent: "preview", campaign: JSON.stringify(draft) }, { method: "post", action })
            }
          >
            Preview
          </Button>
        </InlineStack>
        <Text as="p" tone="subdued">
          Renders each variant and channel for a few real members of the segment, as they would receive it.
        </Text>
        {data && !data.ok ? <Banner tone="critical">{data.error}</Banner> : null}
        {preview?.notice ? <Banner tone="info">{preview.notice}</Banner> : null}
        {preview
          ? preview.customers.map((customer) => (
              <BlockStack key={customer.id ?? "sample"} gap="200">
                <Text as="h3" variant="headingSm">
                  {customer.label}
                </Text>
                {preview.renders
                  .filter((r) => r.customerId === customer.id)
                  .map((r) => (
                    <Box
                      key={`${r.variant}-${r.channel}`}
                      padding="300"
                      background="bg-surface-secondary"
                      borderRadius="200"
                    >
                      <BlockStack gap="100">
                        <Text as="p" variant="bodySm" tone="subdued">
                          {`Variant ${r.variant} · ${channelLabel(r.channel)}`}
                        </Text>
                        {r.ok ? (
                          <>
                            {r.subject ? (
                              <Text as="p" fontWeight="semibold">
                                {r.subject}
                              </Text>
                            ) : null}
                            <p style={{ whiteSpace: "pre-wrap", margin: 0 }} data-testid="campaign-preview-body">
                              {r.body}
                            </p>
                          </>
                        ) : (
                          <Text as="p" tone="critical">
                            {r.error}
                          </Text>
                        )}
                      </BlockStack>
                    </Box>
                  ))}
              </BlockStack>
            ))
          : null}
      </BlockStack>
    </Card>
  );
}
