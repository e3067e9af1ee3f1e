// The provider's acceptances of a batch, written as recordAccepted writes each one: the message
// (while still PENDING), its FlowStep SENT, its timeline event's status, its campaign recipient SENT. A message a status
// callback moved on meanwhile goes through recordAccepted itself, which keeps the later status.
import { db } from "../../db/client.server";
import * as sql from "../../generated/prisma/sql";
import type { DeliveryStatus, Message } from "../../generated/prisma/client";
import { logger } from "../../lib/logger.server";
import { recordAccepted } from "../../messages/send-message.server";

export interface AcceptedSend {
  message: Message;
  providerMessageId: string;
  status: DeliveryStatus;
  from: string | null;
}

export async function recordAcceptedSends(accepted: AcceptedSend[]): Promise<void> {
  if (accepted.length === 0) return;
  const now = new Date();
  const rows = accepted.map((a) => ({
    id: a.message.id,
    providerMessageId: a.providerMessageId || null,
    status: a.status,
    from: a.from,
    flowStepId: a.message.flowStepId,
  }));
  const written = await db().$transaction(async (tx) => {
    const updated = await tx.$queryRawTyped(sql.recordBatchAcceptances(JSON.stringify(rows), now));
    const done = new Set(updated.map((u) => u.id));
    const mine = rows.filter((r) => done.has(r.id));
    const steps = mine.map((r) => r.flowStepId).filter((id): id is string => !!id);
    if (steps.length > 0) await tx.$queryRawTyped(sql.markBatchStepsSent(steps, now));
    if (mine.length > 0) await tx.$queryRawTyped(sql.updateBatchMessageEventStatus(JSON.stringify(mine)));
    // A campaign's recipients settle with their message (settleCampaignRecipients' rule for an
    // accepted message), so the batch's follow-up has only failures and late answers left to settle.
    const campaignMessages = accepted.filter((a) => a.message.campaignId && done.has(a.message.id));
    if (campaignMessages.length > 0)
      await tx.$executeRaw`
        UPDATE "CampaignRecipient" SET "state" = 'SENT', "skipReason" = NULL, "updatedAt" = ${now}
         WHERE "messageId" = ANY(${campaignMessages.map((a) => a.message.id)}::text[]) AND "state" = 'SENDING'`;
    return done;
  });
  for (const a of accepted) {
    if (written.has(a.message.id)) {
      logger.info(
        { messageId: a.message.id, channel: a.message.channel, providerMessageId: a.providerMessageId },
        "message sent",
      );
      continue;
    }
    await recordAccepted(a.message, a.providerMessageId, a.status, a.from);
  }
}
