// Is an inbound email itself automatic (an out-of-office, a bounce, a list)? Answering one would
// start a loop of two robots, so the assistant never does. Judged at intake from SendGrid Inbound
// Parse's raw `headers` block, the subject and the sender, and stored as Message.metadata.autoReply
// (the reason), because the raw headers are not kept. RFC 3834 (Auto-Submitted), the de-facto
// X-Autoreply / X-Autorespond and Precedence headers, common out-of-office subjects in English,
// Spanish and French, and bounces from MAILER-DAEMON / postmaster.
export type AutoReplyReason = "auto_submitted" | "x_autoreply" | "precedence" | "out_of_office_subject" | "bounce";

const OUT_OF_OFFICE_SUBJECT =
  /^\s*(?:(?:re|aw|fw|fwd)\s*:\s*)*(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?reply|autoreply|réponse automatique|respuesta automática|absence du bureau|fuera de la oficina)\b/i;
const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster)@/i;

export function autoReplyReason(input: {
  headers: Map<string, string[]>;
  subject?: string | null;
  from?: string | null;
}): AutoReplyReason | null {
  const first = (name: string) => input.headers.get(name)?.[0]?.trim().toLowerCase() ?? null;
  const autoSubmitted = first("auto-submitted");
  if (autoSubmitted && autoSubmitted.split(";")[0]!.trim() !== "no") return "auto_submitted";
  if (input.headers.has("x-autoreply") || input.headers.has("x-autorespond")) return "x_autoreply";
  const precedence = first("precedence");
  if (precedence && ["bulk", "auto_reply", "junk", "list"].includes(precedence)) return "precedence";
  if (input.from && BOUNCE_SENDER.test(input.from.trim())) return "bounce";
  if (input.subject && OUT_OF_OFFICE_SUBJECT.test(input.subject)) return "out_of_office_subject";
  return null;
}
