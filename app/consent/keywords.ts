// SMS / WhatsApp consent keywords (the carrier-standard set). Pure: the WHOLE trimmed message
// must be the keyword, in any case, so "stop please" or "Stop sending me the wrong size" are
// ordinary replies for a person to read, not opt-outs.
export type KeywordAction = "OPT_OUT" | "OPT_IN";

export const OPT_OUT_KEYWORDS = [
  "STOP",
  "STOPALL",
  "UNSUBSCRIBE",
  "END",
  "QUIT",
  "REVOKE",
  "OPTOUT",
  "CANCEL",
] as const;
export const OPT_IN_KEYWORDS = ["START", "YES", "UNSTOP"] as const;

const OUT = new Set<string>(OPT_OUT_KEYWORDS);
const IN = new Set<string>(OPT_IN_KEYWORDS);

export function classifyKeyword(body: string | null | undefined): KeywordAction | null {
  const word = (body ?? "").trim().toUpperCase();
  if (OUT.has(word)) return "OPT_OUT";
  if (IN.has(word)) return "OPT_IN";
  return null;
}

/** The one confirmation sent back after a keyword. */
export function keywordConfirmation(action: KeywordAction, shopName: string): string {
  const name = shopName.trim() || "this store";
  return action === "OPT_OUT"
    ? `You're unsubscribed from ${name} and will get no more messages here. Reply START to subscribe again.`
    : `You're subscribed to messages from ${name} again. Reply STOP to unsubscribe.`;
}
