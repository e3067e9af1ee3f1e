// SendGrid signs timestamp + body, so a captured delivery stays correctly signed forever. Like
// Twilio's and Stripe's own libraries, accept it only within a window around now: a replay of an
// old delivery (or one dated far ahead) is refused even though its signature holds.

export const EVENT_WEBHOOK_TOLERANCE_SECONDS = 10 * 60;

/** Whether the signed `X-Twilio-Email-Event-Webhook-Timestamp` (Unix seconds) is within the window. */
export function eventTimestampIsFresh(header: string | null | undefined, nowMs: number = Date.now()): boolean {
  if (!header || !/^\d{1,12}$/.test(header.trim())) return false;
  const skew = Math.abs(nowMs / 1000 - Number(header.trim()));
  return skew <= EVENT_WEBHOOK_TOLERANCE_SECONDS;
}
