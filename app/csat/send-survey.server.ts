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
import { csatWhatsappTemplateFor, parseCsatSettings } from "./settings";
import { csatEmailBody, csatQuickReplies, EMAIL_SUBJECT } from "./texts";
import { skipReasonFor } from "./skip-reasons";
import { isOwnChannelAddress } from "../channels/own-address.server";

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
      conversation: { select: { status: true, customer: { select: { locale: true, firstName: true } } } },
    },
  });
  if (!survey || survey.state !== "PENDING") return "already settled";
  const settings = parseCsatSettings(survey.shop.settings);
  if (!settings.enabled) return skip(surveyId, "csat_off");
  // The customer wrote again before the delay ran out: the conversation is not over.
  if (survey.conversation.status !== "RESOLVED") return skip(surveyId, "reopened");

  const { options, replyToDomain, fromEmail } = await replyOptionsFor(
    survey.shopId,
    survey.customerId,
    { lastInboundChannel: survey.channel },
    now,
  );
  const option = options.find((o) => o.channel === survey.channel);
  const locale = await localeOf(survey.conversationId, survey.conversation.customer.locale);
  let reason = skipReasonFor(survey.channel, option);
  // WhatsApp outside 24 hours: the shop's approved template, when it configured one. An opt-out,
  // redaction or connection problem is reported before the window (replyOptionsFor), so it still skips.
  const template = reason === "whatsapp_window" ? csatWhatsappTemplateFor(settings, locale) : null;
  if (template) reason = null;
  if (reason || !option?.toAddress) return skip(surveyId, reason ?? "no_address");
  // Our own address coming back as a "customer" never gets a survey: it would only loop.
  if (await isOwnChannelAddress(survey.shopId, survey.channel, option.toAddress)) return skip(surveyId, "own_address");
  // Storefront chat: no message; the widget offers the stars while the row is SENT (chat-survey.server.ts).
  if (survey.channel === "CHAT") return offerInChat(surveyId, now);
  // With a template, the stored body (what staff see) is the question in the template's language.
  const question = settings.question[template?.locale ?? locale];
  const isEmail = survey.channel === "EMAIL";
  const body = isEmail ? csatEmailBody(question, config().SHOPIFY_APP_URL, survey.token, locale) : question;
  const metadata: OutboundMetadata = { purpose: "TRANSACTIONAL" };
  // RFC 3834: the customer's auto-responder must not answer a survey.
  if (isEmail) metadata.headers = { "Auto-Submitted": "auto-generated" };
  if (survey.channel === "MESSENGER" || survey.channel === "INSTAGRAM")
    metadata.quickReplies = csatQuickReplies(survey.id);
  // {{1}} is the first name; left out when unknown so Twilio uses the template's own sample value.
  const firstName = survey.conversation.customer.firstName?.trim();
  if (template)
    metadata.whatsappTemplate = { contentSid: template.contentSid, variables: firstName ? { "1": firstName } : {} };
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
  log.info(
    { surveyId, messageId: claimed.messageId, channel: survey.channel, template: template?.contentSid },
    "csat survey sent",
  );
  return "sent";
}

async function offerInChat(surveyId: string, now: Date): Promise<string> {
  await db().csatSurvey.updateMany({ where: { id: surveyId, state: "PENDING" }, data: { state: "SENT", sentAt: now } });
  log.info({ surveyId, channel: "CHAT" }, "csat survey offered in the chat widget");
  return "sent";
}
