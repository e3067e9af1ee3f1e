// SendGrid Event Webhook events onto our DeliveryStatus (plus consent signals and reasons).
import type { DeliveryStatus } from "../../generated/prisma/enums";
import type { ConsentSignal } from "../types";

export const SENDGRID_EVENTS = [
  "processed",
  "deferred",
  "delivered",
  "open",
  "click",
  "bounce",
  "blocked",
  "dropped",
  "spamreport",
  "unsubscribe",
  "group_unsubscribe",
  "group_resubscribe",
] as const;
export type SendGridEvent = (typeof SENDGRID_EVENTS)[number];

const MAP: Record<SendGridEvent, DeliveryStatus> = {
  processed: "SENT", // accepted by SendGrid and handed to its mail servers
  deferred: "SENT", // receiving server said "try later"; SendGrid keeps retrying for up to 72 h
  delivered: "DELIVERED",
  open: "OPENED",
  click: "CLICKED",
  bounce: "FAILED", // type "bounce": hard, permanent (type "blocked" is mapped separately)
  blocked: "UNDELIVERED", // temporary/soft rejection SendGrid has given up on
  dropped: "FAILED", // SendGrid refused to send (suppressed address, invalid, …)
  // The customer received the mail to report or unsubscribe from it; the consent signal is what matters.
  spamreport: "DELIVERED",
  unsubscribe: "DELIVERED",
  group_unsubscribe: "DELIVERED",
  group_resubscribe: "DELIVERED",
};

export interface SendGridEventFields {
  event?: string;
  type?: string;
  reason?: string;
  response?: string;
  status?: string;
  bounce_classification?: string;
  asm_group_id?: number | string;
}

/** Our status for an Event Webhook event (bounce of type "blocked" → UNDELIVERED), or undefined. */
export function mapSendGridEvent(
  event: string | null | undefined,
  bounceType?: string | null,
): DeliveryStatus | undefined {
  if (!event) return undefined;
  const name = event.toLowerCase();
  if (name === "bounce" && bounceType?.toLowerCase() === "blocked") return "UNDELIVERED";
  return MAP[name as SendGridEvent];
}

const DROP_REASONS: Array<[RegExp, string]> = [
  [/bounced address/i, "The address bounced before, so SendGrid no longer sends to it."],
  [/unsubscribed address/i, "The recipient unsubscribed, so SendGrid no longer sends to it."],
  [/spam reporting address/i, "The recipient marked earlier mail as spam, so SendGrid no longer sends to it."],
  [/invalid/i, "The email address is not valid."],
];

/** Plain-English reason for failures and delays; undefined for events that are not problems. */
export function sendGridEventReason(e: SendGridEventFields): string | undefined {
  const detail = (e.reason || e.response || "").trim();
  switch (e.event?.toLowerCase()) {
    case "bounce":
      return e.type?.toLowerCase() === "blocked"
        ? `The receiving mail server blocked the email${detail ? `: ${detail}` : "."}`
        : `The email address does not exist or refused the email (hard bounce)${detail ? `: ${detail}` : "."}`;
    case "blocked":
      return `The receiving mail server blocked the email${detail ? `: ${detail}` : "."}`;
    case "dropped": {
      const known = DROP_REASONS.find(([re]) => re.test(detail));
      return known ? known[1] : `SendGrid did not send the email${detail ? `: ${detail}` : "."}`;
    }
    case "deferred":
      return `Delivery is delayed; SendGrid will keep retrying${detail ? `: ${detail}` : "."}`;
    case "spamreport":
      return "The recipient marked the email as spam.";
    default:
      return undefined;
  }
}

export function sendGridConsentSignal(e: SendGridEventFields): ConsentSignal | undefined {
  const group = e.asm_group_id != null && e.asm_group_id !== "" ? Number(e.asm_group_id) : undefined;
  const withGroup = group != null && Number.isFinite(group) ? { asmGroupId: group } : {};
  switch (e.event?.toLowerCase()) {
    case "spamreport":
      return { action: "REVOKED", reason: "spamreport", ...withGroup };
    case "unsubscribe":
      return { action: "REVOKED", reason: "unsubscribe", ...withGroup };
    case "group_unsubscribe":
      return { action: "REVOKED", reason: "group_unsubscribe", ...withGroup };
    case "group_resubscribe":
      return { action: "GRANTED", reason: "group_resubscribe", ...withGroup };
    default:
      return undefined;
  }
}
