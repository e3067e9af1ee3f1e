// US (+1) marketing texts must tell the recipient how to stop them (CTIA, carriers' rules for
// A2P 10DLC and toll-free). A body that already has an opt-out instruction is left as written.
export const US_OPT_OUT_LINE = "Reply STOP to opt out.";

const HAS_OPT_OUT =
  /\b(reply|text|txt|send|respond)\s+(with\s+)?["']?stop["']?\b|\bstop\s+to\s+(opt[\s-]?out|unsubscribe|end|cancel|quit)\b|\bopt[\s-]?out\b/i;

export function hasOptOutLine(body: string): boolean {
  return HAS_OPT_OUT.test(body);
}

/** The SMS body as it goes to `to`: with the opt-out line on its own last line for +1 numbers. */
export function withUsOptOutLine(body: string, to: string): string {
  if (!to.startsWith("+1") || hasOptOutLine(body)) return body;
  return `${body.trimEnd()}\n${US_OPT_OUT_LINE}`;
}
