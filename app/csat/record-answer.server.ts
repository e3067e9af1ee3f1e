// Records a survey's answer. The first score wins: a second click or reply changes nothing (the
// row is updated only while SENT). A comment may be added once to an answered survey (the email
// thank-you page's form). Each answer writes one timeline event (dedupeKey csat:<surveyId>) on the
// customer's timeline, whose title carries the comment when there is one.
import type { Tx } from "../commerce/transaction.server";
import { inRetryingTransaction } from "../commerce/transaction.server";
import type { CsatSurvey } from "../generated/prisma/client";
import { recordTimelineEvent } from "../timeline/record-event.server";
import { csatReceivedTrigger } from "../shopify-flow/events.server";

export const MAX_CSAT_COMMENT_LENGTH = 1000;

function titleOf(score: number, comment: string | null): string {
  const base = `Rated the conversation ${score}/5`;
  return comment ? `${base}: ${comment.slice(0, 160)}` : base;
}

/** Returns the survey as stored after the call (ANSWERED with the first score, or unchanged). */
export async function recordCsatAnswer(
  tx: Tx,
  survey: CsatSurvey,
  score: number,
  comment: string | null,
  now: Date = new Date(),
): Promise<CsatSurvey> {
  const text = comment?.trim().slice(0, MAX_CSAT_COMMENT_LENGTH) || null;
  const { count } = await tx.csatSurvey.updateMany({
    where: { id: survey.id, state: "SENT" },
    data: { state: "ANSWERED", score, comment: text, answeredAt: now },
  });
  const stored = await tx.csatSurvey.findUniqueOrThrow({ where: { id: survey.id } });
  if (count === 1) {
    // Shopify Flow's "CSAT received" trigger, once per survey (its own idempotency key).
    await csatReceivedTrigger(tx, {
      shopId: survey.shopId,
      conversationId: survey.conversationId,
      surveyId: survey.id,
      score,
      comment: text,
    });
    await recordTimelineEvent(tx, {
      shopId: survey.shopId,
      customerId: survey.customerId,
      type: "NOTE",
      occurredAt: now,
      dedupeKey: `csat:${survey.id}`,
      title: titleOf(score, text),
      // Not messageId: that column is unique and the survey message already has its MESSAGE event.
      data: {
        kind: "csat",
        surveyId: survey.id,
        conversationId: survey.conversationId,
        sentMessageId: survey.sentMessageId,
        score,
        comment: text,
      },
    });
  }
  return stored;
}

/** The email page's optional comment: kept only if the answer has none yet. */
export async function addCsatComment(surveyId: string, comment: string): Promise<CsatSurvey | null> {
  const text = comment.trim().slice(0, MAX_CSAT_COMMENT_LENGTH);
  return inRetryingTransaction(async (tx) => {
    const survey = await tx.csatSurvey.findUnique({ where: { id: surveyId } });
    if (!survey || survey.state !== "ANSWERED" || survey.score === null) return null;
    if (!text || survey.comment) return survey;
    await tx.csatSurvey.update({ where: { id: survey.id }, data: { comment: text } });
    await tx.timelineEvent.updateMany({
      where: { shopId: survey.shopId, dedupeKey: `csat:${survey.id}` },
      data: {
        title: titleOf(survey.score, text),
        data: {
          kind: "csat",
          surveyId: survey.id,
          conversationId: survey.conversationId,
          score: survey.score,
          comment: text,
        },
      },
    });
    return { ...survey, comment: text };
  });
}

/** The email link: GET /csat/<token>/<score>. Null when the token names no sent survey. */
export async function answerCsatByToken(token: string, score: number): Promise<CsatSurvey | null> {
  return inRetryingTransaction(async (tx) => {
    const survey = await tx.csatSurvey.findUnique({ where: { token } });
    if (!survey || (survey.state !== "SENT" && survey.state !== "ANSWERED")) return null;
    return recordCsatAnswer(tx, survey, score, null);
  });
}
