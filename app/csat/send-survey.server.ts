// The csat-<surveyId> job: sends the survey on the conversation's last inbound channel through the
// durable send pipeline (claim under csat:<surveyId>, TRANSACTIONAL, enqueueSend), or settles the
// row SKIPPED with a reason. A row no longer PENDING is never looked at again.
import { db } from "../db/client.server";
import { config } from "../config.server";
import { replyOptionsFor } from "../conversations/staff-reply.server";
import { detectLanguage } from "../knowledge/detect-language";
import { isKnowledgeLocale } from "../knowledge/text-normalize";
import type { KnowledgeLocale } from "../knowledge/contracts";
import { logger } from "../lib/logger.server";
import { claimOutboundMessage, type OutboundMetadata } from "../messages/claim-outbound.server";
import { enqueueSend } from "../messages/enqueue-send.server";
import { parseCsatSettings } from "./settings";
import { csatEmailBody, csatQuickReplies, EMAIL_SUBJECT } from "./texts";
import { skipReasonFor } from "./skip-reasons";

const log = logger.child({ module: "csat" });

async function skip(surveyId: string, reason: string): Promise<string> {
  await db().csatSurvey.updateMany({
    where: { id: surveyId, state: "PENDING" },
    data: { state: "SKIPPED", skipReason: reason },
  });
  log.info({ surveyId, reason }, "csat survey skipped");
  return reason;
}

async function localeOf(conversationId: string, customerLocale: string | null): Promise<KnowledgeLocale> {
  const short = (customerLocale ?? "").slice(0, 2).toLowerCase();
  if (isKnowledgeLocale(short)) return short;
  const last = await db().message.findFirst({
    where: { conversationId, direction: "INBOUND", internal: false },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { body: true },
  });
  return last?.body ? detectLanguage(last.body) : "en";
}

export async function sendCsatSurvey(surveyId: string, now: Date = new Date()): Promise<string> {
  const survey = await db().csatSurvey.findUnique({
    where: { id: surveyId },
    include: {
      shop: { select: { settings: true, name: true } },
      conversation: { select: { status: true, customer: { select: { locale: true } } } },
    },
  });
  if (!survey || survey.state !== "PENDING") return "already settled";
  const settings = parseCsatSettings(survey.shop.settings);
  if (!settings.enabled) return skip(surveyId, "csat_off");
  // The customer wrote again before the delay ran out: the conversation is not over.
  if (survey.conversation.status !== "RESOLVED") return skip(surveyId, "reopened");
  if (survey.channel === "CHAT") return skip(surveyId, "chat_not_supported_yet");

  const { options, replyToDomain, fromEmail } = await replyOptionsFor(
    survey.shopId,
    survey.customerId,
    { lastInboundChannel: survey.channel },
    now,
  );
  const option = options.find((o) => o.channel === survey.channel);
  const reason = skipReasonFor(survey.channel, option);
  if (reason || !option?.toAddress) return skip(surveyId, reason ?? "no_address");

  const locale = await localeOf(survey.conversationId, survey.conversation.customer.locale);
  const question = settings.question[locale];
  const isEmail = survey.channel === "EMAIL";
  const body = isEmail ? csatEmailBody(question, config().SHOPIFY_APP_URL, survey.token, locale) : question;
  const metadata: OutboundMetadata = { purpose: "TRANSACTIONAL" };
  // RFC 3834: the customer's auto-responder must not answer a survey.
  if (isEmail) metadata.headers = { "Auto-Submitted": "auto-generated" };
  if (survey.channel === "MESSENGER" || survey.channel === "INSTAGRAM")
    metadata.quickReplies = csatQuickReplies(survey.id);
  const claimed = await claimOutboundMessage({
    shopId: survey.shopId,
    customerId: survey.customerId,
    channel: survey.channel,
    toAddress: option.toAddress,
    body,
    subject: isEmail ? EMAIL_SUBJECT[locale] : null,
    author: "SYSTEM",
    idempotencyKey: `csat:${survey.id}`,
    metadata,
    ...(isEmail && fromEmail ? { emailThreading: { fromEmail, replyToDomain } } : {}),
  });
  await db().csatSurvey.updateMany({
    where: { id: survey.id, state: "PENDING" },
    data: { state: "SENT", sentAt: now, sentMessageId: claimed.messageId },
  });
  await enqueueSend(claimed.messageId);
  log.info({ surveyId, messageId: claimed.messageId, channel: survey.channel }, "csat survey sent");
  return "sent";
}
