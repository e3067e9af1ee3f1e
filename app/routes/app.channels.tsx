import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Card, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { listChannelConnections } from "../admin-queries/channels.server";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { formatDateTime, humanize, shopFormatOf } from "../components/format";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const connections = await listChannelConnections(shop.id);
  return json({ connections, format: shopFormatOf(shop) });
};

const PROVIDERS: Record<string, { name: string; channels: string }> = {
  TWILIO: { name: "Twilio", channels: "SMS and WhatsApp" },
  SENDGRID: { name: "SendGrid", channels: "Email" },
  META: { name: "Meta", channels: "Messenger and Instagram" },
};

const STATUS_TONES = { ACTIVE: "success", DISABLED: undefined, ERROR: "critical" } as const;

export default function ChannelsPage() {
  const { connections, format } = useLoaderData<typeof loader>();
  return (
    <Page title="Channels" subtitle="The accounts Threadline sends and receives messages through">
      <Layout>
        <Layout.Section>
          {connections.length === 0 ? (
            <EmptyStateCard heading="No channels connected">
              <BlockStack gap="300">
                <p>
                  Threadline talks to your customers through your own messaging accounts. None is connected for this
                  shop yet, so no messages can be sent or received. These providers can be connected:
                </p>
                <List type="bullet">
                  <List.Item>Twilio, for SMS and WhatsApp</List.Item>
                  <List.Item>SendGrid, for email</List.Item>
                  <List.Item>Meta, for Messenger and Instagram direct messages</List.Item>
                  <List.Item>
                    Storefront chat, the chat widget on your online store (no outside account needed)
                  </List.Item>
                </List>
              </BlockStack>
            </EmptyStateCard>
          ) : (
            <BlockStack gap="400">
              {connections.map((c) => {
                const provider = PROVIDERS[c.provider] ?? { name: humanize(c.provider), channels: "" };
                return (
                  <Card key={c.id}>
                    <BlockStack gap="300">
                      <InlineStack align="space-between" blockAlign="center" gap="200">
                        <BlockStack gap="050">
                          <Text as="h2" variant="headingMd">
                            {provider.name}
                          </Text>
                          {provider.channels ? (
                            <Text as="span" tone="subdued">
                              {provider.channels}
                            </Text>
                          ) : null}
                        </BlockStack>
                        <Badge tone={STATUS_TONES[c.status]}>{humanize(c.status)}</Badge>
                      </InlineStack>
                      {c.lastError ? (
                        <Banner tone="critical" title="Last error">
                          <Text as="p">{c.lastError}</Text>
                        </Banner>
                      ) : null}
                      <BlockStack gap="100">
                        {c.externalAccountId ? <Row label="Account" value={c.externalAccountId} /> : null}
                        {c.config.map((entry) => (
                          <Row
                            key={entry.key}
                            label={humanize(entry.key.replace(/([a-z])([A-Z])/g, "$1 $2"))}
                            value={entry.value}
                          />
                        ))}
                        <Row label="Connected" value={formatDateTime(c.createdAt, format)} />
                        <Row
                          label="Last tested"
                          value={c.lastTestedAt ? formatDateTime(c.lastTestedAt, format) : "Never"}
                        />
                      </BlockStack>
                    </BlockStack>
                  </Card>
                );
              })}
              {Object.entries(PROVIDERS)
                .filter(([key]) => !connections.some((c) => c.provider === key))
                .map(([key, provider]) => (
                  <Card key={key}>
                    <InlineStack align="space-between" blockAlign="center" gap="200">
                      <BlockStack gap="050">
                        <Text as="h2" variant="headingMd">
                          {provider.name}
                        </Text>
                        <Text as="span" tone="subdued">
                          {provider.channels}: not connected, so these channels are unavailable.
                        </Text>
                      </BlockStack>
                      <Badge>Not connected</Badge>
                    </InlineStack>
                  </Card>
                ))}
            </BlockStack>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <InlineStack gap="200" wrap={false}>
      <Box minWidth="10rem">
        <Text as="span" tone="subdued">
          {label}
        </Text>
      </Box>
      <Text as="span" breakWord>
        {value}
      </Text>
    </InlineStack>
  );
}
