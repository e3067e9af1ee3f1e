// The storefront chat's survey: no message is sent (send-survey.server.ts marks the row SENT); the
// widget finds it in its history answer (`csat`) and posts the stars to POST /proxy/chat/csat.
// Only the visitor's own customer's survey is offered or accepted: the id of another visitor's
// survey answers as if it did not exist. Offered while the conversation stays resolved, for 7
// days after it was offered (the same window as a text answer).
import { z } from "zod";
import { db } from "../db/client.server";
import { inRetryingTransaction } from "../commerce/transaction.server";
import { existingCustomerForVisitor, type VisitorFacts } from "../chat/chat-visitor.server";
import type { CsatSurvey } from "../generated/prisma/client";
import { CSAT_REPLY_WINDOW_MS } from "./inbound-reply.server";
import { MAX_CSAT_COMMENT_LENGTH, recordCsatAnswer } from "./record-answer.server";

/** The history answer's `csat` field. */
export interface ChatCsatJson {
  surveyId: string;
  /** "open": show the stars; "answered": show the thanks with the recorded score. */
  state: "open" | "answered";
  score: number | null;
  comment: string | null;
}

export const chatCsatAnswerSchema = z.object({
  surveyId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "surveyId is not valid"),
  score: z
    .number({ message: "Choose from 1 to 5 stars." })
    .int()
    .min(1, "Choose from 1 to 5 stars.")
    .max(5, "Choose from 1 to 5 stars."),
  comment: z
    .string()
    .trim()
    .max(MAX_CSAT_COMMENT_LENGTH, `Comments are limited to ${MAX_CSAT_COMMENT_LENGTH} characters.`)
    .optional(),
});

function toJson(survey: CsatSurvey): ChatCsatJson {
  return {
    surveyId: survey.id,
    state: survey.state === "ANSWERED" ? "answered" : "open",
    score: survey.score,
    comment: survey.comment,
  };
}

/** The visitor's customer (merges followed); throws VisitorSecretError without the right secret. */
const visitorCustomer = (shopId: string, facts: VisitorFacts) => existingCustomerForVisitor(db(), shopId, facts);

/** Whether the survey can still be answered from the widget at `now`. */
function offerable(survey: CsatSurvey & { conversation: { status: string } }, now: Date): boolean {
  return (
    survey.state === "SENT" &&
    survey.sentAt !== null &&
    now.getTime() - survey.sentAt.getTime() <= CSAT_REPLY_WINDOW_MS &&
    survey.conversation.status === "RESOLVED"
  );
}

/** The visitor's latest chat survey to show, or null: open (stars) or answered (thanks), within 7 days. */
export async function chatSurveyForVisitor(
  shopId: string,
  facts: VisitorFacts,
  now: Date = new Date(),
): Promise<ChatCsatJson | null> {
  const customerId = await visitorCustomer(shopId, facts);
  if (!customerId) return null;
  const survey = await db().csatSurvey.findFirst({
    where: {
      shopId,
      customerId,
      channel: "CHAT",
      state: { in: ["SENT", "ANSWERED"] },
      sentAt: { gte: new Date(now.getTime() - CSAT_REPLY_WINDOW_MS) },
    },
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    include: { conversation: { select: { status: true } } },
  });
  if (!survey) return null;
  if (survey.state === "SENT" && !offerable(survey, now)) return null;
  return toJson(survey);
}

/**
 * Records the widget's stars. `recorded: false` when the survey was already answered: the first
 * answer stays (score and comment), and the caller gets it back. Null: no such survey for this
 * visitor (another visitor's, another shop's, not a chat survey, expired, or the conversation reopened).
 */
export async function answerChatSurvey(
  shopId: string,
  facts: VisitorFacts,
  answer: z.infer<typeof chatCsatAnswerSchema>,
  now: Date = new Date(),
): Promise<{ csat: ChatCsatJson; recorded: boolean } | null> {
  const customerId = await visitorCustomer(shopId, facts);
  if (!customerId) return null;
  return inRetryingTransaction(async (tx) => {
    const survey = await tx.csatSurvey.findFirst({
      where: { id: answer.surveyId, shopId, customerId, channel: "CHAT" },
      include: { conversation: { select: { status: true } } },
    });
    if (!survey) return null;
    if (survey.state === "ANSWERED") return { csat: toJson(survey), recorded: false };
    if (!offerable(survey, now)) return null;
    const stored = await recordCsatAnswer(tx, survey, answer.score, answer.comment || null, now);
    return { csat: toJson(stored), recorded: stored.answeredAt?.getTime() === now.getTime() };
  });
}
