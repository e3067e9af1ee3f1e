// Is an inbound email itself automatic (an out-of-office, a bounce, a list)? Answering one would
// start a loop of two robots, so the assistant never does. Judged at intake from SendGrid Inbound
// Parse's raw `headers` block, the subject and the sender, and stored as Message.metadata.autoReply
// (the reason), because the raw headers are not kept. RFC 3834 (Auto-Submitted), the de-facto
// X-Autoreply / X-Autorespond and Precedence headers, common out-of-office subjects in English,
// Spanish and French, bounces from MAILER-DAEMON / postmaster, and the shop's own mail coming back.
export type AutoReplyReason =
  "auto_submitted" | "x_autoreply" | "precedence" | "out_of_office_subject" | "bounce" | "own_address";

const OUT_OF_OFFICE_SUBJECT =
  /^\s*(?:(?:re|aw|fw|fwd)\s*:\s*)*(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?reply|autoreply|réponse automatique|respuesta automática|absence du bureau|fuera de la oficina)\b/i;
const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster)@/i;

export function autoReplyReason(input: {
  headers: Map<string, string[]>;
  subject?: string | null;
  from?: string | null;
  /** Our own sender and reply-to domain: mail from them is our own coming back, never a customer's. */
  own?: { email?: string | null; domain?: string | null };
}): AutoReplyReason | null {
  const first = (name: string) => input.headers.get(name)?.[0]?.trim().toLowerCase() ?? null;
  const autoSubmitted = first("auto-submitted");
  if (autoSubmitted && autoSubmitted.split(";")[0]!.trim() !== "no") return "auto_submitted";
  if (input.headers.has("x-autoreply") || input.headers.has("x-autorespond")) return "x_autoreply";
  const precedence = first("precedence");
  if (precedence && ["bulk", "auto_reply", "junk", "list"].includes(precedence)) return "precedence";
  if (input.from && BOUNCE_SENDER.test(input.from.trim())) return "bounce";
  const from = input.from?.trim().toLowerCase();
  const own = input.own;
  if (from && own?.email && from === own.email.trim().toLowerCase()) return "own_address";
  if (from && own?.domain && from.endsWith(`@${own.domain.trim().toLowerCase()}`)) return "own_address";
  if (input.subject && OUT_OF_OFFICE_SUBJECT.test(input.subject)) return "out_of_office_subject";
  return null;
}
