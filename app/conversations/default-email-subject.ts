// The subject a staff email reply starts with.
/** "Re: <their last email's subject>", else a plain one naming the shop (e.g. answering a chat by email). */
export function defaultEmailSubject(
  timeline: Array<{ kind: string; channel?: string; subject?: string | null; senderNote?: string | null }>,
  shopName: string | null,
) {
  // An unverified sender's subject is never put in front of the customer.
  const last = timeline
    .filter((i) => i.kind === "message" && i.channel === "EMAIL" && i.subject && !i.senderNote)
    .at(-1)?.subject;
  if (last) return /^re:/i.test(last) ? last : `Re: ${last}`;
  return shopName ? `Your message to ${shopName}` : "Your message to us";
}
