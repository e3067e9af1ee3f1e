// When a scheduled campaign's audience is resolved. A shop-time campaign starts at sendAt. A
// recipient-time campaign sends at sendAt's wall-clock time (in the shop's zone) in each recipient's
// zone, and the earliest zone reaches that time up to 26 hours before the shop does (UTC+14 against
// UTC−12): its audience is resolved 26 hours ahead, and each recipient waits for its own dueAt.
export const RECIPIENT_TIME_LEAD_MS = 26 * 3600_000;

export type SendMode = "shop_time" | "recipient_time";

export function sendModeOf(value: string | null | undefined): SendMode {
  return value === "recipient_time" ? "recipient_time" : "shop_time";
}

export function campaignStartAt(sendAt: Date, mode: SendMode): Date {
  return mode === "recipient_time" ? new Date(sendAt.getTime() - RECIPIENT_TIME_LEAD_MS) : sendAt;
}
