// Claims an outbound send: the PENDING Message row, unique on its idempotency key, exists before
// any provider call, so the same key can never produce a second message. Automated messages join
// the customer's open conversation, else their latest, else a new RESOLVED one (never an inbox
// thread of their own), and get their MESSAGE timeline event in the same transaction.
import type { Channel, Prisma } from "../generated/prisma/client";
import { inRetryingTransaction, type Tx } from "../commerce/transaction.server";
import { lockUntilCommit } from "../db/advisory-lock.server";
import { conversationForOutbound } from "../conversations/conversation-for-outbound.server";
import { withEmailThreading } from "./email-threading.server";
import { recordMessageEvent } from "./message-timeline.server";
import { refreshSlaTimers } from "../sla/timers.server";
import { recordStaffReply } from "../kpis/cycles.server";
import { isAutomationStaffId } from "../staff/automation-authors";

export interface OutboundMetadata {
  headers?: Record<string, string>;
  whatsappTemplate?: { contentSid: string; variables: Record<string, string> };
  replyTo?: string;
  purpose?: "MARKETING" | "TRANSACTIONAL";
  /** Messenger/Instagram replies 24 h–7 days after the customer's last message. */
  metaTag?: "HUMAN_AGENT";
  /** Messenger/Instagram quick replies (the CSAT survey's 1-5, app/csat/). */
  quickReplies?: Array<{ title: string; payload: string }>;
}

export interface ClaimOutboundInput {
  shopId: string;
  customerId: string;
  channel: Channel;
  toAddress: string;
  body: string;
  subject?: string | null;
  author: "FLOW" | "STAFF" | "SYSTEM";
  authorName?: string | null;
  /** The staff member (Shopify user id, the session token's `sub`) who wrote a STAFF message. */
  staffUserId?: string | null;
  /** Written by the assistant (app/answers/): shown as "Automatic answer". */
  automatic?: boolean;
  idempotencyKey: string;
  flowId?: string | null;
  flowRunId?: string | null;
  flowStepId?: string | null;
  metadata?: OutboundMetadata;
  /**
   * For emails whose conversation is only known inside the claim (automated messages): the
   * sender, so the email gets our Message-ID and the conversation's reply-to address, and the
   * customer's answer threads back into the same conversation. Headers already given are kept.
   */
  emailThreading?: { fromEmail: string; replyToDomain: string | null };
  /**
   * A last check made inside the claim's transaction, under a lock on `admission.lockKey`, so two
   * claims that must not both happen (two marketing messages against one frequency cap) are
   * decided one after the other. Returning false refuses the claim (AdmissionRefusedError).
   */
  admission?: { lockKey: string; admit: (tx: Tx) => Promise<boolean> };
  /**
   * Runs in the claim's transaction once the message row exists (not for an existing key), so a row
   * that owns the send (a scheduled reply's messageId) commits together with the message or not at all.
   */
  onClaimed?: (tx: Tx, messageId: string) => Promise<void>;
}

export class AdmissionRefusedError extends Error {
  constructor(readonly lockKey: string) {
    super(`claim refused under ${lockKey}`);
    this.name = "AdmissionRefusedError";
  }
}

export async function claimOutboundMessage(
  input: ClaimOutboundInput,
): Promise<{ messageId: string; created: boolean }> {
  return inRetryingTransaction(async (tx) => {
    const existing = await tx.message.findUnique({
      where: { idempotencyKey: input.idempotencyKey },
      select: { id: true },
    });
    if (existing) return { messageId: existing.id, created: false };
    if (input.admission) {
      // Held until this transaction ends: a competing claim waits, then sees this one's row.
      await lockUntilCommit(tx, input.admission.lockKey);
      if (!(await input.admission.admit(tx))) throw new AdmissionRefusedError(input.admission.lockKey);
    }

    const conversation = await conversationForOutbound(tx, input.shopId, input.customerId);
    const metadata: OutboundMetadata =
      input.channel === "EMAIL" && input.emailThreading
        ? withEmailThreading(input.metadata ?? {}, {
            idempotencyKey: input.idempotencyKey,
            sender: input.emailThreading,
            replyToken: conversation.replyToken,
          })
        : (input.metadata ?? {});
    const message = await tx.message.create({
      data: {
        shopId: input.shopId,
        conversationId: conversation.id,
        customerId: input.customerId,
        direction: "OUTBOUND",
        channel: input.channel,
        author: input.author,
        authorName: input.authorName ?? null,
        staffUserId: input.staffUserId ?? null,
        automatic: input.automatic ?? false,
        subject: input.subject ?? null,
        body: input.body,
        toAddress: input.toAddress,
        deliveryStatus: "PENDING",
        idempotencyKey: input.idempotencyKey,
        flowId: input.flowId ?? null,
        flowRunId: input.flowRunId ?? null,
        flowStepId: input.flowStepId ?? null,
        metadata: metadata as Prisma.InputJsonObject,
      },
    });
    await tx.conversation.update({
      where: { id: conversation.id },
      data: {
        lastActivityAt: message.createdAt,
        lastMessagePreview: input.body.slice(0, 200),
        // A person replied: no longer waiting for one (the assistant is silent for this cycle).
        ...(input.author === "STAFF" ? { waitingForPersonSince: null } : {}),
      },
    });
    // A person answered: the response timers stop and firstRespondedAt is set (app/sla/); the first
    // response and reply wait of the resolution cycle (app/kpis/). Automation's replies are neither.
    const byPerson = input.author === "STAFF" && !input.automatic && !isAutomationStaffId(input.staffUserId);
    if (byPerson) await refreshSlaTimers(tx, conversation.id);
    if (byPerson) await recordStaffReply(tx, message);
    await recordMessageEvent(tx, message);
    if (input.onClaimed) await input.onClaimed(tx, message.id);
    return { messageId: message.id, created: true };
  });
}
