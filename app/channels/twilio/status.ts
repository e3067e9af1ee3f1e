// Twilio Messaging statuses (outbound and inbound) onto our DeliveryStatus.
import type { DeliveryStatus } from "../../generated/prisma/enums";

export const TWILIO_STATUSES = [
  "accepted",
  "scheduled",
  "queued",
  "sending",
  "sent",
  "delivered",
  "undelivered",
  "failed",
  "read",
  "receiving",
  "received",
  "canceled",
  "partially_delivered",
] as const;
export type TwilioStatus = (typeof TWILIO_STATUSES)[number];

const MAP: Record<TwilioStatus, DeliveryStatus> = {
  accepted: "QUEUED", // Messaging Service accepted it, sender not yet chosen
  scheduled: "QUEUED",
  queued: "QUEUED",
  sending: "QUEUED", // being handed to the carrier: not yet out of Twilio
  sent: "SENT",
  delivered: "DELIVERED",
  partially_delivered: "DELIVERED", // some segments confirmed
  undelivered: "UNDELIVERED", // carrier could not deliver
  failed: "FAILED", // never left Twilio
  read: "READ", // WhatsApp read receipt
  receiving: "RECEIVED",
  received: "RECEIVED",
  canceled: "FAILED", // a scheduled message that was cancelled: it will never go out
};

/** Our status for a Twilio status string, or undefined for one we do not know. */
export function mapTwilioStatus(status: string | null | undefined): DeliveryStatus | undefined {
  if (!status) return undefined;
  return MAP[status.toLowerCase() as TwilioStatus];
}
