// Thread JSON as the app's /api/extension/* routes answer it (ExtensionThread), for the block's tests.
import type { ExtensionMessage, ExtensionThread, SavedReply } from "../../../extensions/order-conversation/src/thread";

export function message(overrides: Partial<ExtensionMessage> & Pick<ExtensionMessage, "id">): ExtensionMessage {
  return {
    direction: "OUTBOUND",
    channel: "SMS",
    author: "STAFF",
    authorName: null,
    internal: false,
    subject: null,
    body: "",
    deliveryStatus: "DELIVERED",
    errorMessage: null,
    flowId: null,
    flowName: null,
    senderNote: null,
    createdAt: "2026-11-20T10:00:00.000Z",
    ...overrides,
  };
}

/** Ada, a known customer: messages on three channels, two flow messages for the order, a reply box. */
export function adaThread(): ExtensionThread {
  // Saved replies carry their text rendered for Ada (the field the block needs to insert them).
  const savedReplies: SavedReply[] = [
    { id: "sr_thanks", name: "Thanks", text: "Thanks, Ada! We're on it." },
    { id: "sr_tracking", name: "Tracking link", text: "Track your parcel at https://track.example/1001" },
  ];
  return {
    customer: {
      id: "cus_ada",
      name: "Ada Lovelace",
      email: "ada@example.com",
      phone: "+447700900123",
      ordersCount: 3,
      totalSpent: "182.50",
    },
    conversation: {
      id: "conv_ada",
      status: "OPEN",
      assigneeName: null,
      lastInboundChannel: "SMS",
      unreadCount: 2,
      appPath: "/app/inbox/conv_ada",
    },
    messages: [
      message({
        id: "m4",
        direction: "INBOUND",
        author: "CUSTOMER",
        deliveryStatus: "RECEIVED",
        body: "Where is my parcel? <b>not bold</b>",
        createdAt: "2026-11-21T09:30:00.000Z",
      }),
      message({
        id: "m3",
        channel: "WHATSAPP",
        authorName: "Grace",
        body: "Your parcel left the warehouse.",
        deliveryStatus: "FAILED",
        errorMessage: "Outside the 24-hour window (63016).",
        createdAt: "2026-11-20T16:00:00.000Z",
      }),
      message({
        id: "m2",
        channel: "EMAIL",
        authorName: "Grace",
        subject: "About your order #1001",
        body: "Thanks for your order!",
        deliveryStatus: "OPENED",
        createdAt: "2026-11-20T12:00:00.000Z",
      }),
      message({
        id: "m1",
        authorName: "Grace",
        internal: true,
        body: "VIP: ship with express.",
        deliveryStatus: "PENDING",
        createdAt: "2026-11-20T11:00:00.000Z",
      }),
    ],
    flowMessages: [
      message({
        id: "f2",
        author: "FLOW",
        flowId: "flow_ship",
        flowName: "Shipping updates",
        body: "Your order #1001 is on its way.",
        deliveryStatus: "DELIVERED",
        createdAt: "2026-11-19T08:00:00.000Z",
      }),
      message({
        id: "f1",
        channel: "EMAIL",
        author: "FLOW",
        flowId: "flow_confirm",
        flowName: "Order confirmation",
        subject: "Order #1001 confirmed",
        body: "Thank you for your order.",
        deliveryStatus: "OPENED",
        createdAt: "2026-11-18T08:00:00.000Z",
      }),
    ],
    reply: {
      defaultChannel: "SMS",
      options: [
        option("SMS", { allowed: true, toAddress: "+447700900123" }),
        option("WHATSAPP", {
          toAddress: "+447700900123",
          connected: true,
          explanation: "Outside WhatsApp's 24-hour window: use an approved template.",
        }),
        option("EMAIL", { allowed: true, toAddress: "ada@example.com" }),
        option("MESSENGER", { explanation: "This customer has no Messenger account on file." }),
      ],
    },
    savedReplies,
    suggestions: [],
    activity: [
      {
        id: "act_1",
        kind: "assigned",
        actorType: "STAFF",
        actorName: "Sam Lee",
        text: "Assigned to Ana Lima by Sam Lee",
        createdAt: "2026-11-20T10:42:00.000Z",
      },
    ],
  };
}

type ReplyOption = NonNullable<ExtensionThread["reply"]>["options"][number];

function option(channel: ReplyOption["channel"], overrides: Partial<ReplyOption>): ReplyOption {
  return {
    channel,
    toAddress: null,
    connected: overrides.allowed ?? false,
    allowed: false,
    metaTag: null,
    reason: null,
    explanation: null,
    lastInboundAt: null,
    ...overrides,
  };
}

export const UNKNOWN_CUSTOMER_THREAD: ExtensionThread = {
  customer: null,
  conversation: null,
  messages: [],
  flowMessages: [],
  reply: null,
  savedReplies: [],
  suggestions: [],
  activity: [],
};
