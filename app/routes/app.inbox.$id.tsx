// One conversation: the thread (messages with commerce events folded between them), the composer,
// the conversation's controls and the customer beside it. UI lives in app/components/conversation/,
// what each form intent does in app/conversations/conversation-intents.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { getConversation, TIMELINE_LIMIT } from "../admin-queries/inbox.server";
import { getCustomerDetail } from "../admin-queries/customers.server";
import { storefrontHostsOf } from "../chat/storefront-hosts";
import { Composer } from "../components/conversation/Composer";
import { ConversationControls } from "../components/conversation/ConversationControls";
import { CustomerPanel } from "../components/conversation/CustomerPanel";
import { MessageCard } from "../components/conversation/MessageCard";
import type { TimelineMessageItem } from "../components/conversation/page-data";
import { ConversationThread } from "../components/ConversationThread";
import { formatDateTime, shopFormatOf } from "../components/format";
import { RouteErrorPage } from "../components/RouteErrorPage";
import { ShopperOnStorefront } from "../components/ShopperOnStorefront";
import { StatusWithSla } from "../components/conversation/StatusWithSla";
import { usePolling } from "../components/use-polling";
import { runConversationIntent } from "../conversations/conversation-intents.server";
import { defaultEmailSubject } from "../conversations/default-email-subject";
import { markConversationRead } from "../conversations/state.server";
import { replyOptionsFor } from "../conversations/staff-reply.server";
import { listSavedReplies } from "../saved-replies/saved-replies.server";
import { requireAdmin } from "../shopify/admin-context.server";
import { ActivityLineView, withActivities } from "../components/conversation/ActivityLine";
import { activityLines } from "../staff/activity.server";
import { assignableStaff } from "../staff/assignable.server";
import { listScheduledReplies } from "../send-later/scheduled-replies.server";
import { ScheduledReplies } from "../components/conversation/ScheduledReplies";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const data = await getConversation(shop.id, parsed.data.id);
  // Opening (and watching) the conversation reads its messages.
  if (data.conversation.unreadCount > 0) await markConversationRead(shop.id, data.conversation.id);
  const [customer, reply, savedReplies, activities, assignable, scheduledReplies] = await Promise.all([
    getCustomerDetail(shop.id, data.conversation.customerId),
    replyOptionsFor(shop.id, data.conversation.customerId, data.conversation),
    listSavedReplies(shop.id),
    activityLines(shop.id, data.conversation.id),
    assignableStaff(shop.id),
    listScheduledReplies(shop.id, data.conversation.id),
  ]);
  return json({
    ...data,
    customer,
    reply,
    savedReplies: savedReplies.map((r) => ({ id: r.id, name: r.name })),
    staff,
    // Who did what ("Assigned to … by …"), shown between the messages; who can be assigned.
    activities,
    assignable,
    // Send later (app/send-later/): replies waiting for their time, and failed ones not dismissed.
    scheduledReplies,
    timelineLimit: TIMELINE_LIMIT,
    format: shopFormatOf(shop),
    defaultSubject: defaultEmailSubject(data.timeline, shop.name),
    shopHosts: storefrontHostsOf(shop),
  });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const result = await runConversationIntent({
    shopId: shop.id,
    conversationId: parsed.data.id,
    staff,
    form: await request.formData(),
  });
  return json(result, { status: result.ok ? 200 : 400 });
};

export default function ConversationPage() {
  const data = useLoaderData<typeof loader>();
  const { conversation, timeline, truncated, timelineLimit, format, customer } = data;
  const revalidator = useRevalidator();
  usePolling(revalidator, 5000);
  const bottomRef = useRef<HTMLDivElement>(null);
  const lastId = timeline[timeline.length - 1]?.id;
  useEffect(() => {
    bottomRef.current?.scrollIntoView({ block: "end" });
  }, [lastId]);

  return (
    <Page
      title={conversation.customerName}
      titleMetadata={<StatusWithSla conversation={conversation} />}
      subtitle={`Last activity ${formatDateTime(conversation.lastActivityAt, format)}`}
      backAction={{ content: "Inbox", url: "/app/inbox" }}
      secondaryActions={[{ content: "Customer profile", url: `/app/customers/${conversation.customerId}` }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="300">
            {truncated ? (
              <Banner tone="info">
                <Text as="p">
                  Showing the latest {timelineLimit} items of this customer&apos;s timeline. The customer profile has
                  the full history.
                </Text>
              </Banner>
            ) : null}
            {timeline.length === 0 ? (
              <Card>
                <Text as="p" tone="subdued">
                  Nothing has happened with this customer yet.
                </Text>
              </Card>
            ) : (
              <ConversationThread
                items={withActivities(timeline, data.activities)}
                format={format}
                renderMessage={(m) =>
                  m.kind === "activity" ? (
                    <ActivityLineView line={m} format={format} />
                  ) : (
                    <MessageCard m={m as TimelineMessageItem} data={data} />
                  )
                }
              />
            )}
            <div ref={bottomRef} />
            <ScheduledReplies />
            <Composer />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="300">
            <ConversationControls />
            <ShopperOnStorefront
              page={conversation.visitorPage}
              seenAt={conversation.visitorPageAt}
              replyEmail={conversation.visitorReplyEmail}
              format={format}
              shopHosts={data.shopHosts}
            />
            <CustomerPanel customer={customer} format={format} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
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
