// How a message's delivery status reads on the block: one badge tone per status, the same families
// as the inbox (app/components/StatusBadges.tsx) within the tones admin extensions offer.
import type { ExtensionMessage } from "./thread";

type BadgeTone = "neutral" | "info" | "success" | "warning" | "critical";

const TONES: Record<ExtensionMessage["deliveryStatus"], BadgeTone> = {
  PENDING: "neutral",
  QUEUED: "neutral",
  SENT: "info",
  DELIVERED: "success",
  READ: "success",
  OPENED: "success",
  CLICKED: "success",
  RECEIVED: "neutral",
  UNDELIVERED: "critical",
  FAILED: "critical",
  NEEDS_REVIEW: "warning",
};

export function deliveryTone(status: ExtensionMessage["deliveryStatus"]): BadgeTone {
  return TONES[status] ?? "neutral";
}
