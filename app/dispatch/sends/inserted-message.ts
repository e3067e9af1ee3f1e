// The Message row a batch claim has just inserted (insertBatchFlowMessages), rebuilt from the values
// it wrote and the columns' defaults, so the send that follows in the same job need not read back
// the rows it wrote a moment ago. Whether the send may still go is not taken from this copy: the
// attempt claim (claimBatchSendAttempts) only wins a message still PENDING with no attempt.
import type { Channel, Message, Prisma } from "../../generated/prisma/client";
import type { OutboundMetadata } from "../../messages/claim-outbound.server";

export interface InsertedFlowMessage {
  id: string;
  shopId: string;
  conversationId: string;
  customerId: string;
  channel: Channel;
  authorName: string | null;
  subject: string | null;
  body: string;
  toAddress: string;
  idempotencyKey: string;
  flowId: string | null;
  flowRunId: string | null;
  flowStepId: string | null;
  campaignId: string | null;
  metadata: OutboundMetadata;
}

export function insertedMessageRow(row: InsertedFlowMessage, now: Date): Message {
  return {
    id: row.id,
    shopId: row.shopId,
    conversationId: row.conversationId,
    customerId: row.customerId,
    direction: "OUTBOUND",
    channel: row.channel,
    author: "FLOW",
    authorName: row.authorName,
    internal: false,
    subject: row.subject,
    body: row.body,
    fullBody: null,
    mediaUrls: [],
    fromAddress: null,
    toAddress: row.toAddress,
    senderCheck: null,
    deliveryStatus: "PENDING",
    providerMessageId: null,
    idempotencyKey: row.idempotencyKey,
    errorCode: null,
    errorMessage: null,
    flowStepId: row.flowStepId,
    flowId: row.flowId,
    flowRunId: row.flowRunId,
    campaignId: row.campaignId,
    metadata: row.metadata as Prisma.JsonValue,
    sendAttemptedAt: null,
    sentAt: null,
    deliveredAt: null,
    automatic: false,
    staffUserId: null,
    openedAt: null,
    clickedAt: null,
    replyWaitSeconds: null,
    replyWaitBusinessSeconds: null,
    createdAt: now,
    updatedAt: now,
  };
}
