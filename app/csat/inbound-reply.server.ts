// A survey is answered by the customer's next message on that conversation within 7 days: on SMS
// and WhatsApp (and typed on Messenger/Instagram) a message that is just a digit 1-5, optionally
// followed by words kept as the comment; on Messenger/Instagram the tapped quick reply, whose
// payload CSAT:<surveyId>:<score> must name this conversation's survey. Called inside the
// transaction that stores the inbound message, before automatic answers: a recorded answer is not
// a new question, so the assistant stays silent, and the conversation, reopened by the message,
// is resolved again.
import type { Tx } from "../commerce/transaction.server";
import type { Channel } from "../generated/prisma/enums";
import { recordCsatAnswer } from "./record-answer.server";
import { CLEARED_SLA_TIMERS } from "../sla/timers.server";
import { parseCsatPayload, parseCsatReply } from "./texts";

export const CSAT_REPLY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

function answerIn(
  surveyId: string,
  stored: { body: string; metadata: unknown },
): { score: number; comment: string | null } | null {
  const payload = parseCsatPayload((stored.metadata as { quickReplyPayload?: unknown } | null)?.quickReplyPayload);
  if (payload) return payload.surveyId === surveyId ? { score: payload.score, comment: null } : null;
  return parseCsatReply(stored.body);
}

export async function answerCsatByReply(
  tx: Tx,
  message: { id: string; conversationId: string; channel: Channel },
): Promise<boolean> {
  if (message.channel === "EMAIL" || message.channel === "CHAT") return false;
  const survey = await tx.csatSurvey.findUnique({ where: { conversationId: message.conversationId } });
  if (!survey || survey.state !== "SENT" || survey.channel !== message.channel || !survey.sentAt) return false;
  const stored = await tx.message.findUnique({
    where: { id: message.id },
    select: { body: true, metadata: true, createdAt: true },
  });
  if (!stored || stored.createdAt.getTime() - survey.sentAt.getTime() > CSAT_REPLY_WINDOW_MS) return false;
  // Only the first message after the survey can answer it.
  const earlier = await tx.message.count({
    where: {
      conversationId: message.conversationId,
      direction: "INBOUND",
      internal: false,
      id: { not: message.id },
      createdAt: { gt: survey.sentAt },
    },
  });
  if (earlier > 0) return false;
  const reply = answerIn(survey.id, stored);
  if (!reply) return false;
  await recordCsatAnswer(tx, survey, reply.score, reply.comment, stored.createdAt);
  await tx.conversation.updateMany({
    where: { id: message.conversationId, status: { not: "RESOLVED" } },
    // Resolved again: the SLA timers this answer's message started stop too (app/sla/).
    data: {
      status: "RESOLVED",
      openCustomerId: null,
      snoozedUntil: null,
      resolvedAt: stored.createdAt,
      ...CLEARED_SLA_TIMERS,
    },
  });
  return true;
}
