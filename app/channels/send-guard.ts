// The one check every outbound send passes first (flows engine and inbox alike). It refuses
// anything that could double-send or loop: inbound rows, rows already claimed by a send,
// internal notes, and messages addressed to our own sender identity.
import { normaliseEmail, normalisePhone } from "../customers/addresses";
import type { Channel, DeliveryStatus, MessageDirection } from "../generated/prisma/enums";
import type { ConnectionCredentials } from "./credentials.server";

export type SendGuardReason =
  "INBOUND_MESSAGE" | "INTERNAL_NOTE" | "ALREADY_PROCESSED" | "NO_RECIPIENT" | "ECHO_LOOP" | "UNSUPPORTED_CHANNEL";

export type SendGuardResult = { ok: true } | { ok: false; reason: SendGuardReason; message: string };

export interface GuardedMessage {
  direction: MessageDirection;
  deliveryStatus: DeliveryStatus;
  channel: Channel;
  toAddress: string | null | undefined;
  internal?: boolean | null;
}

export interface OwnAddresses {
  /** Addresses we send from, in any format; compared after normalisation. */
  addresses: string[];
  /** Domains that loop back into us (the Inbound Parse reply domain). */
  domains?: string[];
}

const PHONE_CHANNELS = new Set<Channel>(["SMS", "WHATSAPP"]);

/** Comparable form of an address on a channel: E.164 phone, lower-case email, trimmed platform id. */
export function comparableAddress(channel: Channel, raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  if (!trimmed) return null;
  if (PHONE_CHANNELS.has(channel)) {
    const bare = trimmed.replace(/^(whatsapp|sms):/i, "");
    return normalisePhone(bare) ?? bare.replace(/[^\d+]/g, "");
  }
  if (channel === "EMAIL") return normaliseEmail(trimmed) ?? trimmed.toLowerCase();
  return trimmed;
}

// Digits and the usual separators only: no extension marker, so normalising keeps the last digits.
const PLAIN_PHONE = /^(?:(?:whatsapp|sms):)?\+?[\d\s().-]+$/i;

/**
 * True when a plainly written number cannot normalise to one of our own: its last six digits end
 * none of them. Normalising only changes the front of such a number (country code, trunk prefix),
 * and parsing every recipient's number was the costly part of a campaign batch's check.
 */
function cannotBeOurPhone(channel: Channel, raw: string | null | undefined, ownAddresses: string[]): boolean {
  const trimmed = raw?.trim() ?? "";
  if (!PLAIN_PHONE.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < 7) return false;
  const tail = digits.slice(-6);
  return !ownAddresses.some((a) => (comparableAddress(channel, a) ?? "").replace(/\D/g, "").endsWith(tail));
}

/** Every address a connection sends from, for the echo-loop check. */
export function ownAddressesOf(credentials: ConnectionCredentials): OwnAddresses {
  switch (credentials.provider) {
    case "TWILIO":
      return { addresses: [credentials.fromNumber, credentials.whatsappFrom].filter((a): a is string => !!a) };
    case "SENDGRID":
      return {
        addresses: [credentials.fromEmail],
        domains: credentials.replyToDomain ? [credentials.replyToDomain] : [],
      };
    case "META":
      return { addresses: [credentials.pageId, credentials.instagramAccountId].filter((a): a is string => !!a) };
  }
}

export function checkSend(message: GuardedMessage, own: OwnAddresses = { addresses: [] }): SendGuardResult {
  if (message.direction === "INBOUND")
    return { ok: false, reason: "INBOUND_MESSAGE", message: "Inbound messages are never sent back out." };
  if (message.internal) return { ok: false, reason: "INTERNAL_NOTE", message: "Internal notes never leave the app." };
  if (message.deliveryStatus !== "PENDING")
    return {
      ok: false,
      reason: "ALREADY_PROCESSED",
      message: `The message is already ${message.deliveryStatus}; it is never sent twice.`,
    };
  if (message.channel === "CHAT")
    return {
      ok: false,
      reason: "UNSUPPORTED_CHANNEL",
      message: "Chat messages are delivered by the widget, not a provider.",
    };
  if (PHONE_CHANNELS.has(message.channel) && cannotBeOurPhone(message.channel, message.toAddress, own.addresses))
    return { ok: true };
  const to = comparableAddress(message.channel, message.toAddress);
  if (!to) return { ok: false, reason: "NO_RECIPIENT", message: "The message has no recipient address." };
  const ours = own.addresses.map((a) => comparableAddress(message.channel, a)).filter(Boolean);
  const domain = message.channel === "EMAIL" && to.includes("@") ? to.slice(to.lastIndexOf("@") + 1) : null;
  if (ours.includes(to) || (domain && (own.domains ?? []).some((d) => d.toLowerCase() === domain)))
    return { ok: false, reason: "ECHO_LOOP", message: "The recipient is our own sender address; sending would loop." };
  return { ok: true };
}
