// Why a survey is not sent on its channel, from the same reply options staff see (reply-reasons.ts).
import type { Channel } from "../generated/prisma/enums";
import type { ReplyReason } from "../conversations/reply-reasons";

export function skipReasonFor(
  channel: Channel,
  option: { allowed: boolean; reason: ReplyReason | null; metaTag?: unknown } | undefined,
): string | null {
  if (!option) return "channel_unavailable";
  if (option.allowed && !option.metaTag) return null;
  switch (option.reason) {
    case "OPTED_OUT":
      return "opted_out";
    case "NO_ADDRESS":
      return "no_address";
    case "REDACTED":
      return "redacted";
    case "WINDOW_CLOSED":
    case "NEVER_WROTE":
      // Outside 24 hours WhatsApp refuses free text: send-survey.server.ts sends the shop's CSAT
      // template instead when one is configured, and keeps this reason when none is.
      return channel === "WHATSAPP" ? "whatsapp_window" : "window_closed";
    case "HUMAN_AGENT_TAG":
      // Meta reserves that tag for people; a survey is automated.
      return "window_closed";
    default:
      return `channel_unavailable:${String(option.reason ?? "unknown").toLowerCase()}`;
  }
}
