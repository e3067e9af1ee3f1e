// Badges shared by the admin pages: one tone and label per enum value.
import { Badge, type BadgeProps } from "@shopify/polaris";
import { humanize } from "./format";

type Tone = BadgeProps["tone"];

export const CHANNEL_LABELS: Record<string, string> = {
  SMS: "SMS",
  WHATSAPP: "WhatsApp",
  EMAIL: "Email",
  CHAT: "Chat",
  INSTAGRAM: "Instagram",
  MESSENGER: "Messenger",
};

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? humanize(channel);
}

export function ChannelBadge({ channel }: { channel: string | null | undefined }) {
  if (!channel) return <Badge>No inbound message</Badge>;
  return <Badge tone="info">{channelLabel(channel)}</Badge>;
}

const DELIVERY_TONES: Record<string, Tone> = {
  PENDING: undefined,
  QUEUED: undefined,
  SENT: "info",
  DELIVERED: "success",
  READ: "success",
  OPENED: "success",
  CLICKED: "success",
  RECEIVED: "success",
  UNDELIVERED: "critical",
  FAILED: "critical",
  NEEDS_REVIEW: "warning",
};

const DELIVERY_LABELS: Record<string, string> = { NEEDS_REVIEW: "Needs review" };

export function DeliveryStatusBadge({ status }: { status: string }) {
  const tone = DELIVERY_TONES[status];
  const progress =
    status === "PENDING" || status === "QUEUED" ? "incomplete" : status === "SENT" ? "partiallyComplete" : undefined;
  return (
    <Badge tone={tone} progress={progress}>
      {DELIVERY_LABELS[status] ?? humanize(status)}
    </Badge>
  );
}

const CONVERSATION_TONES: Record<string, Tone> = {
  OPEN: "attention",
  PENDING: "warning",
  SNOOZED: "info",
  RESOLVED: "success",
};

export function ConversationStatusBadge({ status }: { status: string }) {
  return <Badge tone={CONVERSATION_TONES[status]}>{humanize(status)}</Badge>;
}

const BACKFILL_TONES: Record<string, Tone> = {
  QUEUED: "info",
  RUNNING: "attention",
  COMPLETED: "success",
  FAILED: "critical",
};

export function BackfillStatusBadge({ status }: { status: string }) {
  const progress = status === "QUEUED" ? "incomplete" : status === "RUNNING" ? "partiallyComplete" : "complete";
  return (
    <Badge tone={BACKFILL_TONES[status]} progress={progress}>
      {humanize(status)}
    </Badge>
  );
}

const TIMELINE: Record<string, { label: string; tone: Tone }> = {
  ORDER_PLACED: { label: "Order placed", tone: "success" },
  ORDER_PAID: { label: "Order paid", tone: "success" },
  ORDER_CANCELLED: { label: "Order cancelled", tone: "critical" },
  ORDER_FULFILLED: { label: "Order fulfilled", tone: "success" },
  ORDER_DELIVERED: { label: "Order delivered", tone: "success" },
  FULFILLMENT_UPDATED: { label: "Shipping update", tone: "info" },
  CHECKOUT_STARTED: { label: "Checkout started", tone: "info" },
  CHECKOUT_ABANDONED: { label: "Checkout abandoned", tone: "warning" },
  CHECKOUT_RECOVERED: { label: "Checkout recovered", tone: "success" },
  MESSAGE: { label: "Message", tone: "info" },
  NOTE: { label: "Note", tone: undefined },
  CONSENT_CHANGED: { label: "Consent", tone: "attention" },
  CUSTOMER_MERGED: { label: "Merged", tone: undefined },
  CUSTOMER_UNMERGED: { label: "Unmerged", tone: undefined },
  BROWSING: { label: "Browsing", tone: undefined },
  PRODUCT_VIEWED: { label: "Viewed product", tone: undefined },
  COLLECTION_VIEWED: { label: "Viewed collection", tone: undefined },
  ADDED_TO_CART: { label: "Added to cart", tone: "info" },
};

export function TimelineTypeBadge({ type }: { type: string }) {
  const entry = TIMELINE[type] ?? { label: humanize(type), tone: undefined };
  return <Badge tone={entry.tone}>{entry.label}</Badge>;
}

export function FulfillmentBadge({ status, cancelled }: { status: string | null; cancelled?: boolean }) {
  if (cancelled) return <Badge tone="critical">Cancelled</Badge>;
  if (!status)
    return (
      <Badge tone="attention" progress="incomplete">
        Unfulfilled
      </Badge>
    );
  const s = status.toLowerCase();
  const tone: Tone =
    s === "fulfilled" ? "success" : s === "partial" || s === "partially_fulfilled" ? "warning" : undefined;
  const progress =
    s === "fulfilled"
      ? "complete"
      : s === "partial" || s === "partially_fulfilled"
        ? "partiallyComplete"
        : "incomplete";
  return (
    <Badge tone={tone} progress={progress}>
      {s === "partial" ? "Partially fulfilled" : humanize(status)}
    </Badge>
  );
}

export function ConsentBadge({ state }: { state: string }) {
  return state === "GRANTED" ? <Badge tone="success">Granted</Badge> : <Badge tone="critical">Revoked</Badge>;
}
