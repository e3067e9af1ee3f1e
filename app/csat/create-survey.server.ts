// Resolving a conversation creates its one CsatSurvey row inside the resolve's transaction
// (conversationId is unique: a second resolve finds the row and makes none). Shops with CSAT off
// get no row at all. The job csat-<surveyId> is enqueued after the commit, delayed by the shop's
// setting; if Redis loses it, reconcile.server.ts enqueues it again from the PENDING row.
import type { Tx } from "../commerce/transaction.server";
import type { Conversation } from "../generated/prisma/client";
import { enqueue } from "../jobs/enqueue.server";
import { JOB } from "../jobs/queues.server";
import { newSecretToken } from "../lib/secret-token.server";
import { logger } from "../lib/logger.server";
import { parseCsatSettings } from "./settings";

export interface CreatedSurvey {
  surveyId: string;
  delayMs: number;
}

export async function createCsatSurveyOnResolve(tx: Tx, conversation: Conversation): Promise<CreatedSurvey | null> {
  const shop = await tx.shop.findUnique({ where: { id: conversation.shopId }, select: { settings: true } });
  const settings = parseCsatSettings(shop?.settings);
  if (!settings.enabled) return null;
  const existing = await tx.csatSurvey.findUnique({ where: { conversationId: conversation.id }, select: { id: true } });
  if (existing) return null;
  // A conversation nobody wrote in (staff-started, flows only) has no channel to ask on.
  if (!conversation.lastInboundChannel) return null;
  // ON CONFLICT DO NOTHING: a concurrent resolve of the same conversation keeps the transaction usable.
  const { count } = await tx.csatSurvey.createMany({
    data: [
      {
        shopId: conversation.shopId,
        conversationId: conversation.id,
        customerId: conversation.customerId,
        channel: conversation.lastInboundChannel,
        token: newSecretToken(),
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return null;
  const row = await tx.csatSurvey.findUniqueOrThrow({
    where: { conversationId: conversation.id },
    select: { id: true },
  });
  return { surveyId: row.id, delayMs: settings.delayMinutes * 60_000 };
}

/** After the commit. A failure is logged only: the reconciler finds the PENDING row. */
export async function enqueueCsatSurvey(created: CreatedSurvey | null): Promise<void> {
  if (!created) return;
  try {
    await enqueue(JOB.sendCsatSurvey, { surveyId: created.surveyId }, { delay: created.delayMs });
  } catch (err) {
    logger.warn({ surveyId: created.surveyId, err: (err as Error).message }, "csat enqueue failed; reconciler retries");
  }
}
