// Why a channel cannot take a staff reply (or takes it only with a tag), as a code and in plain
// words. The one mapping from reason to words: the inbox composer and the admin block both show
// the `explanation` that replyOptionsFor builds from it, so staff read the same reason everywhere.
// Every sentence names the channel first, because it is read inside a list of channels.
import type { Channel } from "../generated/prisma/enums";

export type ReplyReason =
  /** The shop has no usable connection for the provider that sends on this channel. */
  | "NOT_CONNECTED"
  /** The provider is connected, but without the sender this channel needs. */
  | "NO_SENDER"
  /** The connection exists but is switched off. */
  | "CONNECTION_DISABLED"
  /** The saved credentials cannot be read (e.g. the encryption key changed). */
  | "CONNECTION_UNREADABLE"
  /** The customer has no address or platform identity for this channel. */
  | "NO_ADDRESS"
  /** The customer's data was erased on request: nobody to write to. */
  | "REDACTED"
  /** The customer opted out of every message on this channel (STOP, unsubscribe link, staff). */
  | "OPTED_OUT"
  /** WhatsApp / Meta: the customer never wrote on this channel. */
  | "NEVER_WROTE"
  /** WhatsApp after 24 h, Messenger/Instagram after 7 days. */
  | "WINDOW_CLOSED"
  /** Messenger/Instagram between 24 h and 7 days: allowed, sent with Meta's HUMAN_AGENT tag. */
  | "HUMAN_AGENT_TAG";

export const REPLY_REASONS: readonly ReplyReason[] = [
  "NOT_CONNECTED",
  "NO_SENDER",
  "CONNECTION_DISABLED",
  "CONNECTION_UNREADABLE",
  "NO_ADDRESS",
  "REDACTED",
  "OPTED_OUT",
  "NEVER_WROTE",
  "WINDOW_CLOSED",
  "HUMAN_AGENT_TAG",
];

export const CHANNEL_NAME: Record<Channel, string> = {
  SMS: "SMS",
  WHATSAPP: "WhatsApp",
  EMAIL: "Email",
  MESSENGER: "Messenger",
  INSTAGRAM: "Instagram",
  CHAT: "Chat",
};

/** The provider a merchant connects in Channels for each channel (chat needs none). */
export const PROVIDER_NAME: Record<Channel, string> = {
  SMS: "Twilio",
  WHATSAPP: "Twilio",
  EMAIL: "SendGrid",
  MESSENGER: "Meta",
  INSTAGRAM: "Meta",
  CHAT: "the storefront widget",
};

const META_WINDOW = "Meta allows replies for 24 hours; 7 days with the human-agent tag";

const NO_SENDER: Partial<Record<Channel, string>> = {
  SMS: "SMS has no sender: add a sender number or messaging service to Twilio in Channels",
  WHATSAPP: "WhatsApp is not connected: add a WhatsApp sender to Twilio in Channels",
  INSTAGRAM: "Instagram is not connected: add the Instagram account id to Meta in Channels",
};

function noAddress(channel: Channel): string {
  switch (channel) {
    case "SMS":
    case "WHATSAPP":
      return `${CHANNEL_NAME[channel]}: this customer has no phone number on file`;
    case "EMAIL":
      // Mail from an unverified sender never makes its address a reply target by itself.
      return "Email: this customer has no email address on file. To answer an email from an unverified sender, add its address to this customer from that message first";
    case "CHAT":
      return "Chat: this customer has not chatted with you from the storefront";
    case "MESSENGER":
    case "INSTAGRAM":
      return `${CHANNEL_NAME[channel]}: this customer has not messaged you on ${CHANNEL_NAME[channel]} (Meta lets you write only to people who wrote first)`;
  }
}

/** The words staff see for a reason on a channel. */
export function replyReasonText(channel: Channel, reason: ReplyReason): string {
  const name = CHANNEL_NAME[channel];
  const provider = PROVIDER_NAME[channel];
  const meta = channel === "MESSENGER" || channel === "INSTAGRAM";
  switch (reason) {
    case "NOT_CONNECTED":
      return `${name} is not connected: connect ${provider} in Channels`;
    case "NO_SENDER":
      return NO_SENDER[channel] ?? `${name} is not connected: connect ${provider} in Channels`;
    case "CONNECTION_DISABLED":
      return `${name} is not available: the ${provider} connection is switched off in Channels`;
    case "CONNECTION_UNREADABLE":
      return `${name} is not available: the saved ${provider} credentials cannot be read; enter them again in Channels`;
    case "NO_ADDRESS":
      return noAddress(channel);
    case "REDACTED":
      return `${name}: this customer's data was erased on request, so they cannot be contacted`;
    case "OPTED_OUT":
      return `${name}: the customer opted out of all ${name} messages`;
    case "NEVER_WROTE":
      return meta
        ? `${name}: the customer has not messaged you on ${name} (${META_WINDOW})`
        : `${name}: the customer has not written to you on ${name}, so a message needs an approved template`;
    case "WINDOW_CLOSED":
      return meta
        ? `${name}: last message from the customer was more than 7 days ago (${META_WINDOW})`
        : `${name}: last message from the customer was more than 24 hours ago (WhatsApp allows free-form replies for 24 hours; after that only an approved template)`;
    case "HUMAN_AGENT_TAG":
      return `${name}: last message from the customer was more than 24 hours ago (${META_WINDOW}); this reply is sent with the human-agent tag`;
  }
}
