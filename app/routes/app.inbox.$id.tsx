import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Card, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { getConversation, MESSAGES_LIMIT } from "../admin-queries/inbox.server";
import { formatDateTime, humanize, shopFormatOf } from "../components/format";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { ChannelBadge, ConversationStatusBadge, DeliveryStatusBadge } from "../components/StatusBadges";
import { requireAdmin } from "../shopify/admin-context.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const data = await getConversation(shop.id, parsed.data.id);
  return json({ ...data, messagesLimit: MESSAGES_LIMIT, format: shopFormatOf(shop) });
};

export default function ConversationPage() {
  const { conversation, messages, truncated, messagesLimit, format } = useLoaderData<typeof loader>();
  return (
    <Page
      title={conversation.customerName}
      titleMetadata={<ConversationStatusBadge status={conversation.status} />}
      subtitle={`Last activity ${formatDateTime(conversation.lastActivityAt, format)}`}
      backAction={{ content: "Inbox", url: "/app/inbox" }}
      secondaryActions={[{ content: "Customer profile", url: `/app/customers/${conversation.customerId}` }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="300">
            {truncated ? (
              <Banner tone="info">
                <Text as="p">Showing the latest {messagesLimit} messages of this conversation.</Text>
              </Banner>
            ) : null}
            {messages.length === 0 ? (
              <Card>
                <Text as="p" tone="subdued">
                  This conversation has no messages.
                </Text>
              </Card>
            ) : (
              messages.map((m) => {
                const inbound = m.direction === "INBOUND";
                return (
                  <Box key={m.id} paddingInlineStart={inbound ? "0" : "1200"} paddingInlineEnd={inbound ? "1200" : "0"}>
                    <Card
                      background={m.internal ? "bg-surface-warning" : inbound ? "bg-surface" : "bg-surface-secondary"}
                    >
                      <BlockStack gap="200">
                        <InlineStack align="space-between" blockAlign="center" gap="200">
                          <InlineStack gap="200" blockAlign="center" wrap>
                            <Text as="span" fontWeight="semibold">
                              {inbound ? conversation.customerName : (m.authorName ?? humanize(m.author))}
                            </Text>
                            <ChannelBadge channel={m.channel} />
                            {m.internal ? <Badge tone="warning">Internal note</Badge> : null}
                            {!inbound && !m.internal ? <DeliveryStatusBadge status={m.deliveryStatus} /> : null}
                          </InlineStack>
                          <Text as="span" variant="bodySm" tone="subdued">
                            {formatDateTime(m.createdAt, format)}
                          </Text>
                        </InlineStack>
                        {m.subject ? (
                          <Text as="p" fontWeight="semibold">
                            {m.subject}
                          </Text>
                        ) : null}
                        <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                          <Text as="p">{m.body}</Text>
                        </div>
                        {m.mediaUrls.length > 0 ? (
                          <InlineStack gap="200">
                            {m.mediaUrls
                              .filter((u) => /^https:\/\//.test(u))
                              .map((u, i) => (
                                <Link key={i} url={u} external>
                                  {`Attachment ${i + 1}`}
                                </Link>
                              ))}
                          </InlineStack>
                        ) : null}
                        {m.errorMessage ? (
                          <Text as="p" tone="critical" variant="bodySm">
                            {m.errorMessage}
                          </Text>
                        ) : null}
                      </BlockStack>
                    </Card>
                  </Box>
                );
              })
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Details
              </Text>
              <Detail label="Status" value={humanize(conversation.status)} />
              <Detail label="Priority" value={humanize(conversation.priority)} />
              <Detail label="Assigned to" value={conversation.assigneeName ?? "Unassigned"} />
              <Detail label="Unread messages" value={String(conversation.unreadCount)} />
              {conversation.snoozedUntil ? (
                <Detail label="Snoozed until" value={formatDateTime(conversation.snoozedUntil, format)} />
              ) : null}
              {conversation.resolvedAt ? (
                <Detail label="Resolved" value={formatDateTime(conversation.resolvedAt, format)} />
              ) : null}
              <Detail label="Started" value={formatDateTime(conversation.createdAt, format)} />
              {conversation.tags.length > 0 ? (
                <InlineStack gap="100" wrap>
                  {conversation.tags.map((tag) => (
                    <Badge key={tag}>{tag}</Badge>
                  ))}
                </InlineStack>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <InlineStack align="space-between" gap="200">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span">{value}</Text>
    </InlineStack>
  );
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage
      backUrl="/app/inbox"
      backLabel="Inbox"
      notFoundText="This conversation does not exist in your shop."
    />
  );
}
