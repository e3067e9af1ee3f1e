// The send job (queue "sends", job id send-<messageId>). Never sends twice:
// - only a PENDING message is sent, and the attempt is claimed with a conditional write of
//   sendAttemptedAt, committed BEFORE the provider call;
// - a message found with sendAttemptedAt but no providerMessageId may have been accepted by the
//   provider before a crash: Twilio is asked (crash-recovery.server.ts) and the message recorded
//   as accepted or sent once; when that cannot be known it becomes NEEDS_REVIEW, never resent;
// - ambiguous failures (timeouts, resets, some 5xx) become NEEDS_REVIEW too;
// - retryable failures (429, the provider did not take it) clear sendAttemptedAt and throw, so
//   BullMQ retries with exponential backoff and jitter; the last attempt marks the message FAILED;
// - permanent failures (21211, 21610, hard bounce...) mark it FAILED at once with the reason.
import type { Job } from "bullmq";
import { db } from "../db/client.server";
import { inRetryingTransaction, type Tx } from "../commerce/transaction.server";
import { config } from "../config.server";
import { loadConnection, type ConnectionCredentials, type LoadedConnection } from "../channels/credentials.server";
import { adapterForProvider, providerFor } from "../channels/registry";
import { checkSend, ownAddressesOf } from "../channels/send-guard";
import { shouldApplyStatus } from "../channels/status";
import type { OutboundMessage, SendFailure } from "../channels/types";
import type { DeliveryStatus, Message, Prisma } from "../generated/prisma/client";
import { revokedConsentReason } from "../consent/effective-consent.server";
import { revokeConsent } from "../consent/revoke-consent.server";
import { logger } from "../lib/logger.server";
import type { OutboundMetadata } from "./claim-outbound.server";
import { updateMessageEvent } from "./message-timeline.server";
import { recoverInterruptedSend } from "./crash-recovery.server";
import { waitForCampaignSendSlot } from "../campaigns/engine/send-slot.server";
import { autoSubmittedFor, writtenByPerson } from "./automatic-sender";

export const CRASH_REVIEW_MESSAGE =
  "The provider may have accepted this message before the app crashed; check the provider's log before resending.";

const PROVIDER_LABEL = { TWILIO: "Twilio", SENDGRID: "SendGrid", META: "Meta" } as const;

/** Thrown so BullMQ retries the job; the message stays PENDING meanwhile. */
export class RetryableSendError extends Error {
  constructor(
    message: string,
    readonly errorCode: string,
  ) {
    super(message);
    this.name = "RetryableSendError";
  }
}

function metadataOf(message: Message): OutboundMetadata {
  const m = message.metadata;
  return m && typeof m === "object" && !Array.isArray(m) ? (m as OutboundMetadata) : {};
}

/**
 * The one bypass of an opt-out: the confirmation of that opt-out (apply-keyword.server.ts), a
 * SYSTEM message whose key is keyword:<MessageSid>. No other message skips the consent check.
 */
export function isKeywordConfirmation(message: Pick<Message, "author" | "idempotencyKey">): boolean {
  return message.author === "SYSTEM" && message.idempotencyKey.startsWith("keyword:");
}

export function statusCallbackUrl(webhookToken: string): string {
  return `${config().SHOPIFY_APP_URL.replace(/\/+$/, "")}/webhooks/twilio/status/${webhookToken}`;
}

interface Outcome {
  deliveryStatus: DeliveryStatus;
  errorCode?: string | null;
  errorMessage?: string | null;
  stepState?: "FAILED" | "SKIPPED" | "CANCELLED";
}

/** A final outcome without a provider acceptance: message, its FlowStep and its timeline event. */
async function settle(message: Message, outcome: Outcome, extra: Prisma.MessageUpdateManyMutationInput = {}) {
  await inRetryingTransaction(async (tx) => {
    const { count } = await tx.message.updateMany({
      where: { id: message.id, deliveryStatus: "PENDING" },
      data: {
        deliveryStatus: outcome.deliveryStatus,
        errorCode: outcome.errorCode ?? null,
        errorMessage: outcome.errorMessage ?? null,
        ...extra,
      },
    });
    if (count === 0) return;
    if (message.flowStepId) {
      await tx.flowStep.updateMany({
        where: { id: message.flowStepId },
        data: { state: outcome.stepState ?? "FAILED", lastError: outcome.errorMessage ?? null },
      });
    }
    await updateMessageEvent(tx, message.id, {
      deliveryStatus: outcome.deliveryStatus,
      errorCode: outcome.errorCode ?? null,
      errorMessage: outcome.errorMessage ?? null,
    });
  });
  logger.info(
    { messageId: message.id, status: outcome.deliveryStatus, errorCode: outcome.errorCode },
    outcome.deliveryStatus === "SENT" ? "chat message stored for the storefront widget" : "message not sent",
  );
}

export function senderOf(message: Message, credentials: ConnectionCredentials): string | null {
  switch (credentials.provider) {
    case "TWILIO":
      return message.channel === "WHATSAPP"
        ? (credentials.whatsappFrom ?? null)
        : (credentials.fromNumber ?? credentials.messagingServiceSid ?? null);
    case "SENDGRID":
      return credentials.fromEmail;
    case "META":
      return credentials.pageId;
  }
}

export function buildOutbound(message: Message, connection: LoadedConnection): OutboundMessage {
  const meta = metadataOf(message);
  // Every automatic email says so (RFC 3834); a header the claim already set (the assistant's) wins.
  const autoSubmitted = autoSubmittedFor(message);
  const headers = autoSubmitted ? { "Auto-Submitted": autoSubmitted, ...meta.headers } : meta.headers;
  return {
    messageId: message.id,
    channel: message.channel,
    to: message.toAddress ?? "",
    body: message.body,
    ...(message.subject ? { subject: message.subject } : {}),
    ...(message.mediaUrls.length ? { mediaUrls: message.mediaUrls } : {}),
    ...(connection.provider === "TWILIO" ? { statusCallbackUrl: statusCallbackUrl(connection.webhookToken) } : {}),
    ...(meta.whatsappTemplate && message.channel === "WHATSAPP" ? { whatsappTemplate: meta.whatsappTemplate } : {}),
    ...(headers && Object.keys(headers).length ? { headers } : {}),
    ...(meta.replyTo ? { replyTo: meta.replyTo } : {}),
    // Meta's HUMAN_AGENT tag only ever on a person's reply, whatever the metadata says.
    ...(meta.metaTag && writtenByPerson(message) && (message.channel === "MESSENGER" || message.channel === "INSTAGRAM")
      ? { metaTag: meta.metaTag }
      : {}),
    ...(meta.quickReplies?.length && (message.channel === "MESSENGER" || message.channel === "INSTAGRAM")
      ? { quickReplies: meta.quickReplies }
      : {}),
    idempotencyKey: message.idempotencyKey,
  };
}

export async function recordAccepted(
  message: Message,
  providerMessageId: string,
  status: DeliveryStatus,
  from: string | null,
) {
  await inRetryingTransaction(async (tx: Tx) => {
    const accepted = (deliveryStatus: DeliveryStatus) => ({
      providerMessageId: providerMessageId || null,
      deliveryStatus,
      sentAt: new Date(),
      errorCode: null,
      errorMessage: null,
      ...(from ? { fromAddress: from } : {}),
    });
    // Usually the row is still PENDING: one conditional write. A status callback may already
    // have moved it on (it can arrive before this write); then only a later status applies.
    const { count } = await tx.message.updateMany({
      where: { id: message.id, deliveryStatus: "PENDING" },
      data: accepted(status),
    });
    let next: DeliveryStatus = status;
    if (count === 0) {
      const current = await tx.message.findUnique({ where: { id: message.id }, select: { deliveryStatus: true } });
      const current_ = current?.deliveryStatus ?? "PENDING";
      next = current_ === "PENDING" || shouldApplyStatus(current_, status) ? status : current_;
      await tx.message.update({ where: { id: message.id }, data: accepted(next) });
    }
    if (message.flowStepId)
      await tx.flowStep.updateMany({ where: { id: message.flowStepId }, data: { state: "SENT", lastError: null } });
    await updateMessageEvent(tx, message.id, {
      deliveryStatus: next,
      providerMessageId: providerMessageId || null,
      errorCode: null,
      errorMessage: null,
    });
  });
}

function isLastAttempt(job?: Job): boolean {
  if (!job) return false;
  const attempts = job.opts.attempts ?? 1;
  // attemptsMade counts the attempts that already failed; this one is attemptsMade + 1.
  return job.attemptsMade + 1 >= attempts;
}

export async function handleFailure(message: Message, result: SendFailure, job?: Job): Promise<void> {
  if (result.ambiguous) {
    await settle(message, {
      deliveryStatus: "NEEDS_REVIEW",
      errorCode: result.errorCode,
      errorMessage: `${result.errorMessage} The provider may have accepted this message; check the provider's log before resending.`,
    });
    return;
  }
  if (result.retryable) {
    if (isLastAttempt(job)) {
      await settle(
        message,
        {
          deliveryStatus: "FAILED",
          errorCode: result.errorCode,
          errorMessage: `${result.errorMessage} Gave up after ${job!.attemptsMade + 1} attempts.`,
        },
        { sendAttemptedAt: null },
      );
      return;
    }
    // The provider did not take it: clear the claim so the retry may send.
    await inRetryingTransaction(async (tx) => {
      await tx.message.updateMany({
        where: { id: message.id, deliveryStatus: "PENDING" },
        data: { sendAttemptedAt: null, errorCode: result.errorCode, errorMessage: result.errorMessage },
      });
      await updateMessageEvent(tx, message.id, {
        deliveryStatus: "PENDING",
        errorCode: result.errorCode,
        errorMessage: result.errorMessage,
        retrying: true,
      });
    });
    throw new RetryableSendError(result.errorMessage, result.errorCode);
  }
  await settle(message, {
    deliveryStatus: result.status,
    errorCode: result.errorCode,
    errorMessage: result.errorMessage,
  });
  // 21610: the recipient texted STOP to this sender at the carrier level; record it as ours.
  if (result.errorCode === "21610" && (message.channel === "SMS" || message.channel === "WHATSAPP")) {
    await revokeConsent({
      shopId: message.shopId,
      customerId: message.customerId,
      channel: message.channel,
      purposes: ["MARKETING", "TRANSACTIONAL"],
      source: "KEYWORD",
      detail: { reason: "Twilio 21610: the recipient had replied STOP to this sender" },
    });
  }
}

export async function sendMessage(messageId: string, job?: Job): Promise<void> {
  const message = await db().message.findUnique({ where: { id: messageId } });
  if (!message) {
    logger.warn({ messageId }, "send job for a message that no longer exists");
    return;
  }
  if (message.deliveryStatus !== "PENDING") return;
  if (message.sendAttemptedAt && !message.providerMessageId) {
    // A crash hid the provider's answer: ask Twilio, else a person (crash-recovery.server.ts).
    const recovery = await recoverInterruptedSend(message);
    if (recovery.outcome === "accepted") {
      await recordAccepted(message, recovery.providerMessageId, recovery.status, recovery.from);
      return;
    }
    if (recovery.outcome === "review") {
      await settle(message, {
        deliveryStatus: "NEEDS_REVIEW",
        errorCode: "CRASH_DURING_SEND",
        errorMessage: CRASH_REVIEW_MESSAGE,
      });
      return;
    }
    if (recovery.outcome === "moved-on") return;
    // "resend": the claim was released; the checks and the claim below run as for a first send.
  }

  // The run may have stopped (order placed, reply, opt-out) after this message was claimed.
  if (message.flowRunId) {
    const run = await db().flowRun.findUnique({
      where: { id: message.flowRunId },
      select: { status: true, endReason: true },
    });
    if (run?.status === "CANCELLED") {
      await settle(message, {
        deliveryStatus: "FAILED",
        errorCode: "RUN_CANCELLED",
        errorMessage: `Not sent: the flow stopped (${run.endReason ?? "cancelled"}).`,
        stepState: "CANCELLED",
      });
      return;
    }
  }

  if (message.direction === "OUTBOUND" && !message.internal && !isKeywordConfirmation(message)) {
    const reason = await revokedConsentReason({
      shopId: message.shopId,
      customerId: message.customerId,
      channel: message.channel,
      purpose: metadataOf(message).purpose ?? "TRANSACTIONAL",
    });
    if (reason) {
      await settle(message, {
        deliveryStatus: "FAILED",
        errorCode: "CONSENT_REVOKED",
        errorMessage: reason,
        stepState: "SKIPPED",
      });
      return;
    }
  }

  // Storefront chat has no provider: the message is stored for the widget, which polls for it.
  if (message.channel === "CHAT" && message.direction === "OUTBOUND" && !message.internal) {
    await settle(message, { deliveryStatus: "SENT" }, { sentAt: new Date() });
    return;
  }

  const provider = providerFor(message.channel);
  if (!provider) {
    const guard = checkSend(message);
    await settle(message, {
      deliveryStatus: "FAILED",
      errorCode: guard.ok ? "UNSUPPORTED_CHANNEL" : guard.reason,
      errorMessage: guard.ok ? `No provider sends ${message.channel} messages.` : guard.message,
    });
    return;
  }
  let connection: LoadedConnection | null;
  try {
    connection = await loadConnection(message.shopId, provider);
  } catch (err) {
    await settle(message, {
      deliveryStatus: "FAILED",
      errorCode: "CONNECTION_ERROR",
      errorMessage: (err as Error).message,
    });
    return;
  }
  const label = PROVIDER_LABEL[provider];
  if (!connection) {
    await settle(message, {
      deliveryStatus: "FAILED",
      errorCode: "NO_CONNECTION",
      errorMessage: `No ${label} connection: connect ${label} in Channels to send ${message.channel} messages.`,
    });
    return;
  }
  if (connection.status === "DISABLED") {
    await settle(message, {
      deliveryStatus: "FAILED",
      errorCode: "CONNECTION_DISABLED",
      errorMessage: `The ${label} connection is disabled.`,
    });
    return;
  }
  const guard = checkSend(message, ownAddressesOf(connection.credentials));
  if (!guard.ok) {
    await settle(message, { deliveryStatus: "FAILED", errorCode: guard.reason, errorMessage: guard.message });
    return;
  }

  // A campaign's message waits for its sender's rate, as the campaign's batches do (app/campaigns/engine/).
  await waitForCampaignSendSlot(message);
  // Claim the attempt in its own committed write. Only one worker can win it.
  const claimed = await db().message.updateMany({
    where: { id: message.id, deliveryStatus: "PENDING", sendAttemptedAt: null },
    data: { sendAttemptedAt: new Date() },
  });
  if (claimed.count === 0) return;

  const adapter = adapterForProvider(provider);
  const result = await adapter.send(buildOutbound(message, connection), connection.credentials);
  if (result.ok) {
    await recordAccepted(message, result.providerMessageId, result.status, senderOf(message, connection.credentials));
    logger.info({ messageId, channel: message.channel, providerMessageId: result.providerMessageId }, "message sent");
    return;
  }
  logger.warn(
    {
      messageId,
      channel: message.channel,
      errorCode: result.errorCode,
      retryable: result.retryable,
      ambiguous: result.ambiguous,
    },
    "send failed",
  );
  await handleFailure(message, result, job);
}
