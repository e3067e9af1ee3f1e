import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  Divider,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { getConversation, requireConversation, TIMELINE_LIMIT } from "../admin-queries/inbox.server";
import { getCustomerDetail } from "../admin-queries/customers.server";
import { formatDateTime, formatMoney, humanize, shopFormatOf } from "../components/format";
import { RouteErrorPage } from "../components/RouteErrorPage";
import {
  ChannelBadge,
  ConsentBadge,
  ConversationStatusBadge,
  DeliveryStatusBadge,
  FulfillmentBadge,
  channelLabel,
} from "../components/StatusBadges";
import { usePolling } from "../components/use-polling";
import {
  addInternalNote,
  assignConversation,
  ConversationStateError,
  markConversationRead,
  setConversationPriority,
  setConversationStatus,
  setConversationTags,
} from "../conversations/state.server";
import { replyOptionsFor, sendStaffReply } from "../conversations/staff-reply.server";
import { addSenderAddress } from "../customers/add-sender-address.server";
import { listSavedReplies, renderSavedReply } from "../saved-replies/saved-replies.server";
import { requireAdmin } from "../shopify/admin-context.server";
import { ShopperOnStorefront } from "../components/ShopperOnStorefront";
import { storefrontHostsOf } from "../chat/storefront-hosts";
import { ConversationThread } from "../components/ConversationThread";
import { IdentityList } from "../components/CustomerIdentities";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const addSenderSchema = z.object({ messageId: z.string().min(1).max(64) });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const data = await getConversation(shop.id, parsed.data.id);
  // Opening (and watching) the conversation reads its messages.
  if (data.conversation.unreadCount > 0) await markConversationRead(shop.id, data.conversation.id);
  const [customer, reply, savedReplies] = await Promise.all([
    getCustomerDetail(shop.id, data.conversation.customerId),
    replyOptionsFor(shop.id, data.conversation.customerId, data.conversation),
    listSavedReplies(shop.id),
  ]);
  return json({
    ...data,
    customer,
    reply,
    savedReplies: savedReplies.map((r) => ({ id: r.id, name: r.name })),
    staff,
    timelineLimit: TIMELINE_LIMIT,
    format: shopFormatOf(shop),
    defaultSubject: defaultEmailSubject(data.timeline, shop.name),
    shopHosts: storefrontHostsOf(shop),
  });
};

/** "Re: <their last email's subject>", else a plain one naming the shop (e.g. answering a chat by email). */
function defaultEmailSubject(
  timeline: Array<{ kind: string; channel?: string; subject?: string | null; senderNote?: string | null }>,
  shopName: string | null,
) {
  // An unverified sender's subject is never put in front of the customer.
  const last = timeline
    .filter((i) => i.kind === "message" && i.channel === "EMAIL" && i.subject && !i.senderNote)
    .at(-1)?.subject;
  if (last) return /^re:/i.test(last) ? last : `Re: ${last}`;
  return shopName ? `Your message to ${shopName}` : "Your message to us";
}

type ActionResult =
  { ok: true; intent: string; rendered?: string } | { ok: false; intent: string; error: string; field?: string };

const SNOOZE_HOURS: Record<string, number> = { "1h": 1, "4h": 4, "1d": 24, "1w": 24 * 7 };

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const id = parsed.data.id;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const str = (key: string) => {
    const v = form.get(key);
    return typeof v === "string" ? v : "";
  };
  const fail = (error: string, field?: string) =>
    json<ActionResult>({ ok: false, intent, error, field }, { status: 400 });
  try {
    switch (intent) {
      case "reply": {
        const result = await sendStaffReply({
          shopId: shop.id,
          conversationId: id,
          staff,
          channel: str("channel"),
          body: str("body"),
          subject: str("subject"),
          clientId: str("clientId"),
        });
        if (!result.ok) return fail(result.error, result.field);
        return json<ActionResult>({ ok: true, intent });
      }
      case "note": {
        await addInternalNote(shop.id, id, staff, str("body"));
        return json<ActionResult>({ ok: true, intent });
      }
      case "status": {
        const status = str("status");
        if (status === "SNOOZED") {
          const hours = SNOOZE_HOURS[str("snoozeFor")] ?? 24;
          await setConversationStatus(
            shop.id,
            id,
            "SNOOZED",
            { snoozedUntil: new Date(Date.now() + hours * 3600_000) },
            staff,
          );
        } else if (status === "OPEN" || status === "PENDING" || status === "RESOLVED") {
          await setConversationStatus(shop.id, id, status, {}, staff);
        } else return fail("Unknown status.");
        return json<ActionResult>({ ok: true, intent });
      }
      case "assign": {
        await assignConversation(shop.id, id, str("assignee") === "me" ? staff : null);
        return json<ActionResult>({ ok: true, intent });
      }
      case "priority": {
        const p = str("priority");
        if (p !== "LOW" && p !== "NORMAL" && p !== "HIGH" && p !== "URGENT") return fail("Unknown priority.");
        await setConversationPriority(shop.id, id, p);
        return json<ActionResult>({ ok: true, intent });
      }
      case "tags": {
        const tags = str("tags")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean);
        await setConversationTags(shop.id, id, tags);
        return json<ActionResult>({ ok: true, intent });
      }
      case "add-sender": {
        const input = addSenderSchema.safeParse({ messageId: str("messageId") });
        if (!input.success) return fail("Pick the email whose sender to add.");
        const result = await addSenderAddress({ shopId: shop.id, conversationId: id, messageId: input.data.messageId });
        if (!result.ok) return fail(result.error);
        return json<ActionResult>({ ok: true, intent });
      }
      case "render-saved-reply": {
        const conversation = await requireConversation(shop.id, id);
        const rendered = await renderSavedReply(shop.id, str("savedReplyId"), conversation.customerId);
        if (!rendered.ok) return fail(rendered.error);
        return json<ActionResult>({ ok: true, intent, rendered: rendered.text });
      }
      default:
        return fail("Unknown action.");
    }
  } catch (err) {
    if (err instanceof ConversationStateError) return fail(err.message);
    throw err;
  }
};

function newClientId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

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
                items={timeline}
                format={format}
                renderMessage={(m: TimelineMessageItem) => <MessageCard m={m} data={data} />}
              />
            )}
            <div ref={bottomRef} />
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

type TimelineMessageItem = Extract<LoaderData["timeline"][number], { kind: "message" }>;

function MessageCard({ m, data }: { m: TimelineMessageItem; data: LoaderData }) {
  const inbound = m.direction === "INBOUND";
  const other = m.conversationId !== data.conversation.id;
  return (
    <Box paddingInlineStart={inbound ? "0" : "1200"} paddingInlineEnd={inbound ? "1200" : "0"}>
      <Card background={m.internal ? "bg-surface-warning" : inbound ? "bg-surface" : "bg-surface-secondary"}>
        <BlockStack gap="200">
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <InlineStack gap="200" blockAlign="center" wrap>
              <Text as="span" fontWeight="semibold">
                {inbound
                  ? m.senderNote
                    ? "Unverified sender"
                    : data.conversation.customerName
                  : (m.authorName ?? humanize(m.author))}
              </Text>
              {m.internal ? <Badge tone="warning">Internal note</Badge> : <ChannelBadge channel={m.channel} />}
              {m.author === "FLOW" ? <Badge tone="magic">Flow</Badge> : null}
              {!inbound && !m.internal ? <DeliveryStatusBadge status={m.deliveryStatus} /> : null}
              {other ? (
                <Link url={`/app/inbox/${m.conversationId}`} removeUnderline>
                  Other conversation
                </Link>
              ) : null}
            </InlineStack>
            <Text as="span" variant="bodySm" tone="subdued">
              {formatDateTime(m.at, data.format)}
            </Text>
          </InlineStack>
          {m.senderNote ? <UnverifiedSender note={m.senderNote} messageId={m.id} address={m.addableSender} /> : null}
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
              {m.mediaUrls.map((u, i) => (
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
}

/** Who really wrote is unknown: say so (as text), and let staff vouch for the address. */
function UnverifiedSender({ note, messageId, address }: { note: string; messageId: string; address: string | null }) {
  const fetcher = useFetcher<typeof action>();
  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.error : null;
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center" wrap>
        <Text as="span" tone="critical" variant="bodySm" breakWord>
          {note}
        </Text>
        {address ? (
          <Button
            size="slim"
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "add-sender", messageId }, { method: "post" })}
          >
            {`Add ${address} to this customer`}
          </Button>
        ) : null}
      </InlineStack>
      {error ? (
        <Text as="p" tone="critical" variant="bodySm">
          {error}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function Composer() {
  const { reply, savedReplies, conversation, defaultSubject } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const renderFetcher = useFetcher<typeof action>();
  const [mode, setMode] = useState<"reply" | "note">("reply");
  const [channel, setChannel] = useState<string>(reply.defaultChannel ?? reply.options[0]?.channel ?? "SMS");
  const [body, setBody] = useState("");
  const [subject, setSubject] = useState(defaultSubject);
  const [clientId, setClientId] = useState("");
  const [savedReplyId, setSavedReplyId] = useState("");
  // The idempotency key's uuid is made in the browser, once per composed message.
  useEffect(() => setClientId(newClientId()), []);

  const submittingIntent = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "") : null;
  const busy = submittingIntent === "reply" || submittingIntent === "note";
  // After a successful send or note, start a fresh message (and a fresh key).
  const lastHandled = useRef<unknown>(null);
  useEffect(() => {
    if (actionData && actionData !== lastHandled.current && navigation.state === "idle") {
      lastHandled.current = actionData;
      if (actionData.ok && (actionData.intent === "reply" || actionData.intent === "note")) {
        setBody("");
        setSubject(defaultSubject);
        setClientId(newClientId());
      }
    }
  }, [actionData, navigation.state, defaultSubject]);
  useEffect(() => {
    const d = renderFetcher.data;
    if (d && d.ok && d.intent === "render-saved-reply" && d.rendered !== undefined) {
      setBody((current) => (current.trim() ? `${current.trimEnd()}\n${d.rendered}` : d.rendered!));
    }
  }, [renderFetcher.data]);

  const option = reply.options.find((o) => o.channel === channel);
  const canSend = mode === "note" || (option?.allowed ?? false);
  const error =
    actionData && !actionData.ok && (actionData.intent === "reply" || actionData.intent === "note")
      ? actionData.error
      : null;
  const renderError = renderFetcher.data && !renderFetcher.data.ok ? renderFetcher.data.error : null;

  return (
    <Card>
      <Form method="post" id="composer">
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <ButtonGroup variant="segmented">
              <Button pressed={mode === "reply"} onClick={() => setMode("reply")}>
                Reply
              </Button>
              <Button pressed={mode === "note"} onClick={() => setMode("note")}>
                Internal note
              </Button>
            </ButtonGroup>
            {mode === "reply" && savedReplies.length > 0 ? (
              <InlineStack gap="200" blockAlign="end">
                <Select
                  label="Saved reply"
                  labelInline
                  options={[
                    { label: "Choose…", value: "" },
                    ...savedReplies.map((r) => ({ label: r.name, value: r.id })),
                  ]}
                  value={savedReplyId}
                  onChange={setSavedReplyId}
                />
                <Button
                  disabled={!savedReplyId}
                  loading={renderFetcher.state !== "idle"}
                  onClick={() =>
                    renderFetcher.submit({ intent: "render-saved-reply", savedReplyId }, { method: "post" })
                  }
                >
                  Insert
                </Button>
              </InlineStack>
            ) : null}
          </InlineStack>
          <input type="hidden" name="intent" value={mode} />
          <input type="hidden" name="clientId" value={clientId} />
          {mode === "reply" ? (
            <>
              <Select
                label="Channel"
                name="channel"
                options={reply.options.map((o) => ({
                  // An unavailable channel says why in its own words (reply-reasons.ts), never just "unavailable".
                  label: o.allowed
                    ? `${channelLabel(o.channel)}${o.toAddress ? ` · ${o.toAddress}` : ""}`
                    : `${o.explanation ?? `${channelLabel(o.channel)}: unavailable`}`,
                  value: o.channel,
                }))}
                value={channel}
                onChange={setChannel}
              />
              {option?.explanation ? (
                <Banner tone={option.allowed ? "info" : "warning"}>
                  <Text as="p">{option.explanation}</Text>
                </Banner>
              ) : null}
              {channel === "EMAIL" ? (
                <TextField
                  label="Subject"
                  name="subject"
                  autoComplete="off"
                  value={subject}
                  onChange={setSubject}
                  maxLength={200}
                />
              ) : null}
            </>
          ) : (
            <Text as="p" tone="subdued">
              Internal notes are visible to staff only and never sent to {conversation.customerName}.
            </Text>
          )}
          <TextField
            label={mode === "note" ? "Note" : "Message"}
            name="body"
            multiline={4}
            autoComplete="off"
            value={body}
            onChange={setBody}
            maxLength={4000}
          />
          {error ? (
            <Banner tone="critical">
              <Text as="p">{error}</Text>
            </Banner>
          ) : null}
          {renderError ? (
            <Banner tone="critical">
              <Text as="p">{renderError}</Text>
            </Banner>
          ) : null}
          <InlineStack align="end">
            <Button submit variant="primary" disabled={!canSend || !clientId || !body.trim() || busy} loading={busy}>
              {mode === "note" ? "Add note" : `Send ${option ? channelLabel(option.channel) : ""}`.trim()}
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

function ConversationControls() {
  const { conversation, staff, format } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const [tags, setTags] = useState(conversation.tags.join(", "));
  const [snoozeFor, setSnoozeFor] = useState("1d");
  useEffect(() => setTags(conversation.tags.join(", ")), [conversation.tags]);
  const submit = (values: Record<string, string>) => fetcher.submit(values, { method: "post" });
  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.error : null;
  const mine = conversation.assigneeId === staff.id;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Conversation
        </Text>
        {error ? (
          <Banner tone="critical">
            <Text as="p">{error}</Text>
          </Banner>
        ) : null}
        <InlineStack gap="200" wrap>
          {conversation.status !== "RESOLVED" ? (
            <Button variant="primary" onClick={() => submit({ intent: "status", status: "RESOLVED" })}>
              Resolve
            </Button>
          ) : (
            <Button onClick={() => submit({ intent: "status", status: "OPEN" })}>Reopen</Button>
          )}
          {conversation.status !== "PENDING" ? (
            <Button onClick={() => submit({ intent: "status", status: "PENDING" })}>Mark pending</Button>
          ) : (
            <Button onClick={() => submit({ intent: "status", status: "OPEN" })}>Mark open</Button>
          )}
        </InlineStack>
        <InlineStack gap="200" blockAlign="end">
          <Select
            label="Snooze for"
            options={[
              { label: "1 hour", value: "1h" },
              { label: "4 hours", value: "4h" },
              { label: "1 day", value: "1d" },
              { label: "1 week", value: "1w" },
            ]}
            value={snoozeFor}
            onChange={setSnoozeFor}
          />
          <Button onClick={() => submit({ intent: "status", status: "SNOOZED", snoozeFor })}>Snooze</Button>
        </InlineStack>
        {conversation.snoozedUntil ? (
          <Detail label="Snoozed until" value={formatDateTime(conversation.snoozedUntil, format)} />
        ) : null}
        <Divider />
        <Detail label="Assigned to" value={conversation.assigneeName ?? "Unassigned"} />
        <InlineStack gap="200">
          {!mine ? <Button onClick={() => submit({ intent: "assign", assignee: "me" })}>Assign to me</Button> : null}
          {conversation.assigneeId ? (
            <Button onClick={() => submit({ intent: "assign", assignee: "" })}>Unassign</Button>
          ) : null}
        </InlineStack>
        <Select
          label="Priority"
          options={["LOW", "NORMAL", "HIGH", "URGENT"].map((p) => ({ label: humanize(p), value: p }))}
          value={conversation.priority}
          onChange={(priority) => submit({ intent: "priority", priority })}
        />
        <fetcher.Form
          method="post"
          onSubmit={(e) => {
            e.preventDefault();
            submit({ intent: "tags", tags });
          }}
        >
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <div style={{ flex: 1 }}>
              <TextField
                label="Tags"
                helpText="Separate tags with commas."
                autoComplete="off"
                value={tags}
                onChange={setTags}
              />
            </div>
            <Button submit>Save tags</Button>
          </InlineStack>
        </fetcher.Form>
        <Divider />
        <Detail label="Started" value={formatDateTime(conversation.startedAt, format)} />
        {conversation.resolvedAt ? (
          <Detail label="Resolved" value={formatDateTime(conversation.resolvedAt, format)} />
        ) : null}
      </BlockStack>
    </Card>
  );
}

function CustomerPanel({
  customer: detail,
  format,
}: {
  customer: LoaderData["customer"];
  format: LoaderData["format"];
}) {
  const { customer, identities, consents, orders, openCheckouts } = detail;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Customer
        </Text>
        <Detail label="Lifetime value" value={formatMoney(customer.totalSpent, format.currency, format.locale)} />
        <Detail label="Orders" value={String(customer.ordersCount)} />
        {identities.length > 0 ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Identities
            </Text>
            <IdentityList identities={identities} variant="bodySm" />
          </BlockStack>
        ) : null}
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Consent
          </Text>
          {consents.length === 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              No consent recorded.
            </Text>
          ) : (
            consents.map((c) => (
              <InlineStack key={c.id} gap="200" align="space-between">
                <Text as="span" variant="bodySm">
                  {channelLabel(c.channel)} · {humanize(c.purpose)}
                </Text>
                <ConsentBadge state={c.state} />
              </InlineStack>
            ))
          )}
        </BlockStack>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Orders
          </Text>
          {orders.length === 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              No orders.
            </Text>
          ) : (
            orders.slice(0, 5).map((o) => (
              <InlineStack key={o.id} gap="200" align="space-between" blockAlign="center">
                <Text as="span" variant="bodySm">
                  {o.name} · {formatMoney(o.totalPrice, o.currency, format.locale)}
                </Text>
                <FulfillmentBadge status={o.fulfillmentStatus} cancelled={o.cancelledAt !== null} />
              </InlineStack>
            ))
          )}
        </BlockStack>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Open carts
          </Text>
          {openCheckouts.length === 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              No open carts.
            </Text>
          ) : (
            openCheckouts.slice(0, 5).map((c) => (
              <Text key={c.id} as="p" variant="bodySm">
                {formatMoney(c.totalPrice, c.currency, format.locale)} · {c.itemCount} item
                {c.itemCount === 1 ? "" : "s"} · {formatDateTime(c.updatedAt, format)}
              </Text>
            ))
          )}
        </BlockStack>
      </BlockStack>
    </Card>
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
