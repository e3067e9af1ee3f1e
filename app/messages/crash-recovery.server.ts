// A send found claimed (sendAttemptedAt set) with no provider id: a worker died between claiming
// the attempt and writing the provider's answer. For Twilio the provider can be asked: once a
// grace period has passed since the attempt (so a request still in flight has landed), the
// Messages list for that recipient and sender is read back.
// - found (same body, created after the attempt, no other message of ours owns its sid): it was
//   accepted; record that sid, never send again;
// - not found: it never reached Twilio; the claim is released and the message is sent;
// - Twilio cannot be asked, or the provider has no such list (SendGrid, Meta), or the body cannot
//   be compared (a WhatsApp template): NEEDS_REVIEW for a person, as before.
// Decision 0047. send-message.server.ts acts on the decision.
import { loadConnection } from "../channels/credentials.server";
import { providerFor } from "../channels/registry";
import { listTwilioMessages, type TwilioSentMessage } from "../channels/twilio/lookup.server";
import { twilioRoute } from "../channels/twilio/routing";
import { mapTwilioStatus } from "../channels/twilio/status";
import { config } from "../config.server";
import { db } from "../db/client.server";
import type { DeliveryStatus, Message } from "../generated/prisma/client";
import { logger } from "../lib/logger.server";

export type RecoveryDecision =
  | { outcome: "accepted"; providerMessageId: string; status: DeliveryStatus; from: string | null }
  /** The claim was released: send it as if for the first time. */
  | { outcome: "resend" }
  | { outcome: "review"; reason: string }
  /** Another worker settled or re-claimed it meanwhile: nothing to do. */
  | { outcome: "moved-on" };

/** Our clock (sendAttemptedAt) against Twilio's (date_created). */
const CLOCK_SKEW_MS = 2 * 60_000;
/** What Twilio puts before the body on a trial account. */
const TRIAL_PREFIX = "Sent from your Twilio trial account - ";

function sameBody(theirs: string, ours: string): boolean {
  return theirs === ours || theirs === TRIAL_PREFIX + ours;
}

function hasTemplate(message: Message): boolean {
  const meta = message.metadata as { whatsappTemplate?: unknown } | null;
  return message.channel === "WHATSAPP" && !!meta && typeof meta === "object" && !!meta.whatsappTemplate;
}

/** The oldest message Twilio holds that can only be this one; null when there is none. */
async function matchOf(message: Message, attemptedAt: Date, listed: TwilioSentMessage[]) {
  const since = attemptedAt.getTime() - CLOCK_SKEW_MS;
  const candidates = listed
    .filter((m) => m.direction.startsWith("outbound") && m.dateCreated.getTime() >= since)
    .filter((m) => sameBody(m.body, message.body))
    .sort((a, b) => a.dateCreated.getTime() - b.dateCreated.getTime());
  if (!candidates.length) return null;
  // The same text to the same number may be another message of ours (a second crash, a repeat).
  const owned = await db().message.findMany({
    where: { shopId: message.shopId, providerMessageId: { in: candidates.map((c) => c.sid) } },
    select: { providerMessageId: true },
  });
  const taken = new Set(owned.map((o) => o.providerMessageId));
  return candidates.find((c) => !taken.has(c.sid)) ?? null;
}

async function releaseClaim(message: Message, attemptedAt: Date): Promise<RecoveryDecision> {
  const { count } = await db().message.updateMany({
    where: { id: message.id, deliveryStatus: "PENDING", sendAttemptedAt: attemptedAt, providerMessageId: null },
    data: { sendAttemptedAt: null },
  });
  return count ? { outcome: "resend" } : { outcome: "moved-on" };
}

export async function recoverInterruptedSend(message: Message): Promise<RecoveryDecision> {
  const attemptedAt = message.sendAttemptedAt;
  if (!attemptedAt || message.providerMessageId) return { outcome: "moved-on" };
  // Whatever the provider: an attempt this young may still be in flight in a live worker (a batch
  // sends without a job of its own), so it is judged only once the grace period has passed.
  const wait = attemptedAt.getTime() + config().SEND_RECOVERY_GRACE_MS - Date.now();
  if (wait > 0) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    // The worker we took for dead may have been slow, not dead, and recorded the answer since.
    const now = await db().message.findUnique({
      where: { id: message.id },
      select: { deliveryStatus: true, sendAttemptedAt: true, providerMessageId: true },
    });
    if (
      now?.deliveryStatus !== "PENDING" ||
      now.providerMessageId ||
      now.sendAttemptedAt?.getTime() !== attemptedAt.getTime()
    )
      return { outcome: "moved-on" };
  }
  if (providerFor(message.channel) !== "TWILIO") return { outcome: "review", reason: "provider has no look-up" };
  if (hasTemplate(message)) return { outcome: "review", reason: "a template's text cannot be compared" };
  const connection = await loadConnection(message.shopId, "TWILIO").catch(() => null);
  if (!connection) return { outcome: "review", reason: "no Twilio connection to ask" };
  const route = twilioRoute(message.channel, message.toAddress ?? "", connection.credentials);
  // The adapter refuses such a message before calling Twilio: nothing can have been sent.
  if (!route.ok) return releaseClaim(message, attemptedAt);

  let listed: TwilioSentMessage[];
  try {
    listed = await listTwilioMessages(connection.credentials, route);
  } catch (error) {
    logger.warn({ messageId: message.id, err: (error as Error).message }, "crash recovery could not ask Twilio");
    return { outcome: "review", reason: "Twilio could not be asked" };
  }
  const match = await matchOf(message, attemptedAt, listed);
  if (match) {
    logger.info({ messageId: message.id, providerMessageId: match.sid }, "crash recovery: Twilio had accepted it");
    return {
      outcome: "accepted",
      providerMessageId: match.sid,
      status: mapTwilioStatus(match.status) ?? "QUEUED",
      from: match.from?.replace(/^whatsapp:/i, "") ?? route.from?.replace(/^whatsapp:/i, "") ?? null,
    };
  }
  const released = await releaseClaim(message, attemptedAt);
  logger.info({ messageId: message.id, outcome: released.outcome }, "crash recovery: Twilio never received it");
  return released;
}
