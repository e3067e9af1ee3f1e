// The one hook for automatic answers, called for every NEW inbound customer message (SMS and
// WhatsApp in receive-inbound.server.ts; email, Messenger, Instagram and storefront chat in
// store-channel-inbound.server.ts), inside the transaction that stores the message. When the
// message's channel has automatic answers switched on, it writes the AutoAnswer row that is the
// truth behind the job; after the commit, the caller enqueues auto-answer-<messageId>. A provider
// retry never reaches here (the message is not new), and the row is unique on the message, so a
// message is decided at most once. Shops that never switched anything on pay one settings read.
import type { Channel } from "../generated/prisma/enums";
import type { Tx } from "../commerce/transaction.server";
import { enqueue } from "../jobs/enqueue.server";
import { JOB } from "../jobs/queues.server";
import { modeFor, parseAutoAnswerSettings } from "./settings";
import { answerCsatByReply } from "../csat/inbound-reply.server";

export async function noteInboundForAutoAnswer(
  tx: Tx,
  message: { id: string; shopId: string; conversationId: string; channel: Channel },
  /** Our own address coming back: never a survey answer (its row is still decided, and skipped). */
  options: { ownAddress?: boolean } = {},
): Promise<boolean> {
  // "4 thanks!" answering a satisfaction survey is not a question for the assistant (app/csat/).
  if (!options.ownAddress && (await answerCsatByReply(tx, message))) return false;
  const shop = await tx.shop.findUnique({ where: { id: message.shopId }, select: { settings: true } });
  if (modeFor(parseAutoAnswerSettings(shop?.settings), message.channel) === "off") return false;
  await tx.autoAnswer.upsert({
    where: { inboundMessageId: message.id },
    create: { shopId: message.shopId, conversationId: message.conversationId, inboundMessageId: message.id },
    update: {},
  });
  return true;
}

/** Job id auto-answer-<messageId>: enqueueing twice (a retry, the reconciler) runs it once. */
export async function enqueueAutoAnswer(messageId: string): Promise<void> {
  await enqueue(JOB.autoAnswer, { messageId });
}
