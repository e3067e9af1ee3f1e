import { useState } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Divider,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  List,
  Page,
  Pagination,
  Spinner,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { getCustomerDetail, listCustomerTimeline } from "../admin-queries/customers.server";
import { formatDate, formatDateTime, formatMoney, humanize, shopFormatOf, type ShopFormat } from "../components/format";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { MergeHistory } from "../components/MergeHistory";
import { CustomerSummaryCard } from "../components/CustomerSummaryCard";
import { mergeOutcome } from "../customers/merge/merge.server";
import { FlowStepLine, FlowStepList } from "../components/FlowStepList";
import {
  ChannelBadge,
  channelLabel,
  ConsentBadge,
  ConversationStatusBadge,
  DeliveryStatusBadge,
  FulfillmentBadge,
  TimelineTypeBadge,
} from "../components/StatusBadges";
import { requireAdmin } from "../shopify/admin-context.server";
import type { loader as orderRefreshLoader } from "./app.customers.$id.orders.$orderId";
import { pageTitle } from "../components/page-title";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const querySchema = z.object({
  tcursor: z.string().max(200).optional().catch(undefined),
  tdir: z.enum(["next", "previous"]).optional().catch(undefined),
  merged: z.string().min(1).max(64).optional().catch(undefined),
});

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const detail = await getCustomerDetail(shop.id, parsed.data.id);
  const timeline = await listCustomerTimeline({
    shopId: shop.id,
    customerId: parsed.data.id,
    cursor: query.tcursor,
    direction: query.tdir,
  });
  // Back from the merge page: say which way the merge went, in the names it had then.
  const merge = query.merged ? await mergeOutcome(shop.id, query.merged, parsed.data.id) : null;
  return json({ ...detail, timeline, merge, format: shopFormatOf(shop) });
};

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.customer.name, "Customers");

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function CustomerPage() {
  const data = useLoaderData<typeof loader>();
  const { customer, mergedInto, merge, format } = data;
  return (
    <Page
      title={customer.name}
      subtitle={[customer.email, customer.phone].filter(Boolean).join(" · ") || undefined}
      backAction={{ content: "Customers", url: "/app/customers" }}
      secondaryActions={
        mergedInto ? [] : [{ content: "Merge with another customer", url: `/app/customers/${customer.id}/merge` }]
      }
    >
      <Layout>
        {merge ? (
          <Layout.Section>
            <Banner tone="success" title="Customers merged">
              <Text as="p">
                Merged <Link url={`/app/customers/${merge.mergedId}`}>{merge.mergedName}</Link> into{" "}
                {merge.survivorName} (this customer). You can undo it under Merges.
              </Text>
            </Banner>
          </Layout.Section>
        ) : null}
        {mergedInto || customer.redactedAt ? (
          <Layout.Section>
            <BlockStack gap="300">
              {mergedInto ? (
                <Banner tone="info" title="This profile was merged">
                  <Text as="p">
                    Its history now lives on <Link url={`/app/customers/${mergedInto.id}`}>{mergedInto.name}</Link>.
                  </Text>
                </Banner>
              ) : null}
              {customer.redactedAt ? (
                <Banner tone="warning" title="Customer data redacted">
                  <Text as="p">
                    Personal details were erased on {formatDate(customer.redactedAt, format)} at the shop&apos;s or
                    Shopify&apos;s request.
                  </Text>
                </Banner>
              ) : null}
            </BlockStack>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <OrdersCard customerId={customer.id} orders={data.orders} format={format} />
            <OpenCheckoutsCard checkouts={data.openCheckouts} format={format} />
            <TimelineCard timeline={data.timeline} format={format} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <CustomerSummaryCard customer={customer} identities={data.identities} format={format} />
            <ConsentCard consents={data.consents} format={format} />
            <ConversationsCard conversations={data.conversations} format={format} />
            <MergeHistory customerId={customer.id} format={format} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <RouteErrorPage
      backUrl="/app/customers"
      backLabel="Customers"
      notFoundText="This customer does not exist in your shop."
    />
  );
}

function SectionTitle({ children }: { children: string }) {
  return (
    <Text as="h2" variant="headingMd">
      {children}
    </Text>
  );
}

function ConsentCard({ consents, format }: { consents: Data["consents"]; format: ShopFormat }) {
  return (
    <Card>
      <BlockStack gap="300">
        <SectionTitle>Consent</SectionTitle>
        {consents.length === 0 ? (
          <Text as="p" tone="subdued">
            No consent has been recorded. Marketing messages are only sent once a customer opts in.
          </Text>
        ) : (
          consents.map((consent) => (
            <BlockStack key={consent.id} gap="050">
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Text as="span">
                  {channelLabel(consent.channel)} · {humanize(consent.purpose)}
                </Text>
                <ConsentBadge state={consent.state} />
              </InlineStack>
              <Text as="span" variant="bodySm" tone="subdued">
                {humanize(consent.source)}, {formatDate(consent.occurredAt, format)}
              </Text>
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}

function ConversationsCard({ conversations, format }: { conversations: Data["conversations"]; format: ShopFormat }) {
  return (
    <Card>
      <BlockStack gap="300">
        <SectionTitle>Conversations</SectionTitle>
        {conversations.length === 0 ? (
          <Text as="p" tone="subdued">
            This customer has not messaged you yet.
          </Text>
        ) : (
          conversations.map((c) => (
            <BlockStack key={c.id} gap="100">
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Link url={`/app/inbox/${c.id}`}>{formatDateTime(c.lastActivityAt, format)}</Link>
                <ConversationStatusBadge status={c.status} />
              </InlineStack>
              {c.lastMessagePreview ? (
                <Text as="p" tone="subdued" truncate>
                  {c.lastMessagePreview}
                </Text>
              ) : null}
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}

function OrdersCard({
  customerId,
  orders,
  format,
}: {
  customerId: string;
  orders: Data["orders"];
  format: ShopFormat;
}) {
  const fetcher = useFetcher<typeof orderRefreshLoader>();
  const [selected, setSelected] = useState<string | null>(null);
  const selectedOrder = orders.find((o) => o.id === selected);
  const refresh = (orderId: string) => {
    setSelected(orderId);
    fetcher.load(`/app/customers/${customerId}/orders/${orderId}`);
  };
  const loading = fetcher.state === "loading";

  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <SectionTitle>Orders</SectionTitle>
      </Box>
      {orders.length === 0 ? (
        <Box padding="400" paddingBlockStart="0">
          <Text as="p" tone="subdued">
            No orders from this customer have been imported or received.
          </Text>
        </Box>
      ) : (
        <IndexTable
          resourceName={{ singular: "order", plural: "orders" }}
          itemCount={orders.length}
          selectable={false}
          headings={[
            { title: "Order" },
            { title: "Date" },
            { title: "Total", alignment: "end" },
            { title: "Payment" },
            { title: "Fulfillment" },
            { title: "Details", hidden: true },
          ]}
        >
          {orders.map((order, index) => (
            <IndexTable.Row id={order.id} key={order.id} position={index} selected={order.id === selected}>
              <IndexTable.Cell>
                <Text as="span" fontWeight="semibold">
                  {order.name}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>{formatDate(order.placedAt, format)}</IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {formatMoney(order.totalPrice, order.currency, format.locale)}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>{order.financialStatus ? humanize(order.financialStatus) : "—"}</IndexTable.Cell>
              <IndexTable.Cell>
                <FulfillmentBadge status={order.fulfillmentStatus} cancelled={order.cancelledAt !== null} />
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Button
                  size="slim"
                  onClick={() => refresh(order.id)}
                  loading={loading && selected === order.id}
                  accessibilityLabel={`Refresh ${order.name} from Shopify`}
                >
                  Refresh from Shopify
                </Button>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      )}
      {selectedOrder ? (
        <Box padding="400" borderBlockStartWidth="025" borderColor="border">
          <OrderDetailsPanel
            orderName={selectedOrder.name}
            loading={loading}
            data={fetcher.data}
            format={format}
            onClose={() => setSelected(null)}
          />
        </Box>
      ) : null}
    </Card>
  );
}

type RefreshData = ReturnType<typeof useFetcher<typeof orderRefreshLoader>>["data"];

function OrderDetailsPanel({
  orderName,
  loading,
  data,
  format,
  onClose,
}: {
  orderName: string;
  loading: boolean;
  data: RefreshData;
  format: ShopFormat;
  onClose: () => void;
}) {
  return (
    <BlockStack gap="300">
      <InlineStack align="space-between" blockAlign="center">
        <Text as="h3" variant="headingSm">
          {orderName} in Shopify
        </Text>
        <Button variant="plain" onClick={onClose}>
          Close
        </Button>
      </InlineStack>
      {loading || !data ? (
        <InlineStack gap="200" blockAlign="center">
          <Spinner size="small" accessibilityLabel="Loading order from Shopify" />
          <Text as="span" tone="subdued">
            Asking Shopify for the latest details…
          </Text>
        </InlineStack>
      ) : !data.ok ? (
        <Banner tone="critical" title="Could not refresh this order">
          <Text as="p">{data.error}</Text>
        </Banner>
      ) : (
        <BlockStack gap="300">
          <InlineStack gap="200" wrap>
            {data.order.financialStatus ? <Badge>{humanize(data.order.financialStatus)}</Badge> : null}
            <FulfillmentBadge status={data.order.fulfillmentStatus} cancelled={data.order.cancelledAt !== null} />
            <Text as="span" fontWeight="semibold">
              {formatMoney(data.order.totalPrice, data.order.currency, format.locale)}
            </Text>
          </InlineStack>
          {data.order.lineItems.length > 0 ? (
            <List type="bullet">
              {data.order.lineItems.map((li, i) => (
                <List.Item key={i}>
                  {li.quantity} × {li.title}
                  {li.sku ? ` (${li.sku})` : ""}
                </List.Item>
              ))}
            </List>
          ) : null}
          {data.order.fulfillments.length > 0 ? (
            <BlockStack gap="100">
              {data.order.fulfillments.map((f, i) => (
                <InlineStack key={i} gap="200" blockAlign="center" wrap>
                  <Badge tone={f.shipmentStatus === "delivered" ? "success" : "info"}>
                    {humanize(f.shipmentStatus ?? f.status) || "Fulfillment"}
                  </Badge>
                  {f.trackingCompany || f.trackingNumber ? (
                    <Text as="span">{[f.trackingCompany, f.trackingNumber].filter(Boolean).join(" ")}</Text>
                  ) : null}
                  {f.trackingUrl && /^https?:\/\//.test(f.trackingUrl) ? (
                    <Link url={f.trackingUrl} external>
                      Track shipment
                    </Link>
                  ) : null}
                  {f.updatedAt ? (
                    <Text as="span" tone="subdued">
                      Updated {formatDateTime(f.updatedAt, format)}
                    </Text>
                  ) : null}
                </InlineStack>
              ))}
            </BlockStack>
          ) : (
            <Text as="p" tone="subdued">
              No fulfillments yet.
            </Text>
          )}
          {data.order.orderStatusUrl && /^https:\/\//.test(data.order.orderStatusUrl) ? (
            <Link url={data.order.orderStatusUrl} external>
              Customer&apos;s order status page
            </Link>
          ) : null}
          <Divider />
          <Text as="p" variant="bodySm" tone="subdued">
            Fetched from Shopify {formatDateTime(data.fetchedAt, format)}. The stored copy updates through webhooks.
          </Text>
        </BlockStack>
      )}
    </BlockStack>
  );
}

function OpenCheckoutsCard({ checkouts, format }: { checkouts: Data["openCheckouts"]; format: ShopFormat }) {
  return (
    <Card>
      <BlockStack gap="300">
        <SectionTitle>Open checkouts</SectionTitle>
        {checkouts.length === 0 ? (
          <Text as="p" tone="subdued">
            No unfinished checkouts.
          </Text>
        ) : (
          checkouts.map((c) => (
            <InlineStack key={c.id} align="space-between" blockAlign="center" gap="200">
              <BlockStack gap="050">
                <Text as="span" fontWeight="semibold">
                  {formatMoney(c.totalPrice, c.currency, format.locale)} · {c.itemCount}{" "}
                  {c.itemCount === 1 ? "item" : "items"}
                </Text>
                <Text as="span" variant="bodySm" tone="subdued">
                  Started {formatDateTime(c.startedAt, format)}, last updated {formatDateTime(c.updatedAt, format)}
                </Text>
              </BlockStack>
              {c.abandonedCheckoutUrl && /^https:\/\//.test(c.abandonedCheckoutUrl) ? (
                <Link url={c.abandonedCheckoutUrl} external>
                  Checkout link
                </Link>
              ) : null}
            </InlineStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}

function TimelineCard({ timeline, format }: { timeline: Data["timeline"]; format: ShopFormat }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const { events, pageInfo, upcoming, notSent } = timeline;
  const entries = mergeNotSent(events, notSent);
  const goTo = (cursor: string | null, dir: "next" | "previous") => {
    if (!cursor) return;
    const next = new URLSearchParams(searchParams);
    next.set("tcursor", cursor);
    next.set("tdir", dir);
    setSearchParams(next, { preventScrollReset: true });
  };
  return (
    <Card>
      <BlockStack gap="400">
        <SectionTitle>Timeline</SectionTitle>
        {upcoming.length > 0 ? (
          <Box background="bg-surface-secondary" borderRadius="200" padding="300">
            <FlowStepList steps={upcoming} show="flow" format={format} />
          </Box>
        ) : null}
        {entries.length === 0 ? (
          <Text as="p" tone="subdued">
            Orders, checkouts, messages and consent changes for this customer will be listed here as they happen.
          </Text>
        ) : (
          <BlockStack gap="300">
            {entries.map((entry, i) => (
              <BlockStack key={entry.key} gap="200">
                {i > 0 ? <Divider /> : null}
                {entry.step ? (
                  <FlowStepLine step={entry.step} show="flow" format={format} />
                ) : (
                  <TimelineEventLine event={entry.event} format={format} />
                )}
              </BlockStack>
            ))}
          </BlockStack>
        )}
        {pageInfo.hasNextPage || pageInfo.hasPreviousPage ? (
          <InlineStack align="center">
            <Pagination
              hasPrevious={pageInfo.hasPreviousPage}
              onPrevious={() => goTo(pageInfo.startCursor, "previous")}
              previousTooltip="Newer events"
              hasNext={pageInfo.hasNextPage}
              onNext={() => goTo(pageInfo.endCursor, "next")}
              nextTooltip="Older events"
              accessibilityLabels={{ previous: "Newer events", next: "Older events" }}
            />
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

type TimelineEvent = Data["timeline"]["events"][number];
type TimelineStep = Data["timeline"]["notSent"][number];

/** Flow steps not sent sit among the events, by when they stopped. */
function mergeNotSent(events: TimelineEvent[], notSent: TimelineStep[]) {
  const entries: Array<
    | { key: string; at: number; step: TimelineStep; event?: never }
    | { key: string; at: number; event: TimelineEvent; step?: never }
  > = [
    ...events.map((event) => ({ key: event.id, at: new Date(event.occurredAt).getTime(), event })),
    ...notSent.map((step) => ({ key: `step-${step.id}`, at: new Date(step.endedAt).getTime(), step })),
  ];
  return entries.sort((a, b) => b.at - a.at);
}

function TimelineEventLine({ event, format }: { event: TimelineEvent; format: ShopFormat }) {
  return (
    <InlineStack align="space-between" blockAlign="start" gap="200" wrap={false}>
      <BlockStack gap="100">
        <InlineStack gap="200" blockAlign="center" wrap>
          <TimelineTypeBadge type={event.type} />
          {event.message ? (
            <>
              <ChannelBadge channel={event.message.channel} />
              <Text as="span" variant="bodySm" tone="subdued">
                {event.message.internal
                  ? "Internal note"
                  : event.message.direction === "INBOUND"
                    ? "Received"
                    : event.message.automatic
                      ? "Automatic answer"
                      : event.message.authorName
                        ? `Sent by ${event.message.authorName}`
                        : `Sent (${humanize(event.message.author)})`}
              </Text>
              {event.message.direction === "OUTBOUND" ? (
                <DeliveryStatusBadge status={event.message.deliveryStatus} />
              ) : null}
            </>
          ) : null}
        </InlineStack>
        <Text as="p" fontWeight="medium">
          {event.title}
        </Text>
        {event.message ? (
          <Box maxWidth="60ch">
            {event.message.subject ? (
              <Text as="p" fontWeight="semibold">
                {event.message.subject}
              </Text>
            ) : null}
            <Text as="p" tone="subdued" breakWord>
              {event.message.body.length > 280 ? `${event.message.body.slice(0, 280)}…` : event.message.body}
            </Text>
            {event.message.errorMessage ? (
              <Text as="p" tone="critical" variant="bodySm">
                {event.message.errorMessage}
              </Text>
            ) : null}
            <Link url={`/app/inbox/${event.message.conversationId}`} removeUnderline>
              Open conversation
            </Link>
          </Box>
        ) : null}
      </BlockStack>
      <Box minWidth="max-content">
        <Text as="span" variant="bodySm" tone="subdued">
          {formatDateTime(event.occurredAt, format)}
        </Text>
      </Box>
    </InlineStack>
  );
}
