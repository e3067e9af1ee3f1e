// Applies provider delivery reports to our outbound messages. Callbacks arrive late, twice and
// out of order: a message only ever moves forward (shouldApplyStatus), repeats change nothing.
// A report that proves the provider took a NEEDS_REVIEW message (a crash hid its answer) moves
// it on too, and fills in the provider id we never wrote.
import type { StatusUpdate } from "../channels/types";
import { shouldApplyStatus } from "../channels/status";
import { inRetryingTransaction } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import type { DeliveryStatus, Message } from "../generated/prisma/client";
import {
  afterConsentCommitted,
  afterConsentRevoked,
  grantConsentTx,
  revokeConsentTx,
} from "../consent/revoke-consent.server";
import { logger } from "../lib/logger.server";
import { updateMessageEvent } from "./message-timeline.server";

export interface StatusApplyResult {
  applied: number;
  unchanged: number;
  unknown: number;
}

const SEEN_DELIVERED = new Set<DeliveryStatus>(["DELIVERED", "READ", "OPENED", "CLICKED"]);

async function findMessage(shopId: string, update: StatusUpdate): Promise<Message | null> {
  if (update.ourMessageId) {
    const ours = await db().message.findFirst({
      where: { id: update.ourMessageId, shopId, direction: "OUTBOUND" },
    });
    if (ours) return ours;
  }
  if (update.providerMessageId) {
    return db().message.findFirst({
      where: { shopId, providerMessageId: update.providerMessageId, direction: "OUTBOUND" },
      orderBy: { createdAt: "desc" },
    });
  }
  return null;
}

async function applyOne(shopId: string, update: StatusUpdate): Promise<"applied" | "unchanged" | "unknown"> {
  const found = await findMessage(shopId, update);
  if (!found) return "unknown";
  let revokedChannel = false;
  const outcome = await inRetryingTransaction(async (tx) => {
    const message = await tx.message.findUnique({ where: { id: found.id } });
    if (!message) return "unknown" as const;
    let changed = false;
    const data: Record<string, unknown> = {};
    if (!message.providerMessageId && update.providerMessageId) data.providerMessageId = update.providerMessageId;
    if (shouldApplyStatus(message.deliveryStatus, update.status)) {
      data.deliveryStatus = update.status;
      if (update.status === "SENT" && !message.sentAt) data.sentAt = update.occurredAt;
      if (SEEN_DELIVERED.has(update.status) && !message.deliveredAt) data.deliveredAt = update.occurredAt;
      if (update.status === "FAILED" || update.status === "UNDELIVERED") {
        data.errorCode = update.errorCode ?? update.providerStatus;
        data.errorMessage = update.errorMessage ?? `The provider reported the message ${update.providerStatus}.`;
      } else if (message.deliveryStatus === "NEEDS_REVIEW" || message.deliveryStatus === "PENDING") {
        // Proof the provider took it: the review note no longer applies.
        data.errorCode = null;
        data.errorMessage = null;
      }
    }
    // The first open and first click, for the KPIs and attribution (decision 0046). Set even when
    // the status does not move (an open arriving after the click), and moved only to an earlier
    // time, so out-of-order events still leave the first one. A WhatsApp or Messenger read receipt
    // is that channel's open.
    const openedAt = update.status === "OPENED" || update.status === "READ" ? update.occurredAt : null;
    if (openedAt && (!message.openedAt || openedAt < message.openedAt)) data.openedAt = openedAt;
    const clickedAt = update.status === "CLICKED" ? update.occurredAt : null;
    if (clickedAt && (!message.clickedAt || clickedAt < message.clickedAt)) data.clickedAt = clickedAt;
    if (Object.keys(data).length) {
      await tx.message.update({ where: { id: message.id }, data });
      changed = true;
      if (data.deliveryStatus) {
        await updateMessageEvent(tx, message.id, {
          deliveryStatus: data.deliveryStatus as DeliveryStatus,
          providerStatus: update.providerStatus,
          ...(data.errorCode !== undefined ? { errorCode: data.errorCode as string | null } : {}),
          ...(data.errorMessage !== undefined ? { errorMessage: data.errorMessage as string | null } : {}),
        });
      }
    }
    if (update.consent && message.channel === "EMAIL") {
      const input = {
        shopId,
        customerId: message.customerId,
        channel: "EMAIL" as const,
        purposes: ["MARKETING" as const],
        source: "UNSUBSCRIBE_LINK" as const,
        occurredAt: update.occurredAt,
        detail: { reason: `SendGrid ${update.consent.reason}` },
      };
      if (update.consent.action === "REVOKED") {
        revokedChannel = true;
        if ((await revokeConsentTx(tx, input)).length) changed = true;
      } else if ((await grantConsentTx(tx, input)).length) changed = true;
    }
    return changed ? ("applied" as const) : ("unchanged" as const);
  });
  if (update.consent && found.channel === "EMAIL") await afterConsentCommitted(shopId, found.customerId);
  if (revokedChannel) await afterConsentRevoked(shopId, found.customerId, "EMAIL");
  return outcome;
}

export async function applyStatusUpdates(shopId: string, updates: StatusUpdate[]): Promise<StatusApplyResult> {
  const result: StatusApplyResult = { applied: 0, unchanged: 0, unknown: 0 };
  for (const update of updates) {
    const outcome = await applyOne(shopId, update);
    result[outcome]++;
  }
  if (result.unknown)
    logger.info({ shopId, unknown: result.unknown }, "status updates for messages we do not know were ignored");
  return result;
}
