// What a merge does to consent: per channel and purpose the most restrictive
// state wins (REVOKED beats GRANTED; a state beats no record). Pure, so the
// preview, the merge and the unit tests share one rule.
import type { Channel, ConsentPurpose, ConsentState } from "../../generated/prisma/enums";

export interface ConsentFact {
  channel: Channel;
  purpose: ConsentPurpose;
  state: ConsentState;
}

export interface ConsentOutcome {
  channel: Channel;
  purpose: ConsentPurpose;
  survivor: ConsentState | null;
  merged: ConsentState | null;
  result: ConsentState;
  /** Both customers had a record and they disagree. */
  conflict: boolean;
  /** Plain-language reason for the result, shown in the merge preview. */
  explanation: string;
}

const rank: Record<ConsentState, number> = { GRANTED: 0, REVOKED: 1 };

export function mostRestrictive(a: ConsentState | null, b: ConsentState | null): ConsentState | null {
  if (a === null) return b;
  if (b === null) return a;
  return rank[a] >= rank[b] ? a : b;
}

export function consentKey(c: { channel: Channel; purpose: ConsentPurpose }): string {
  return `${c.channel}:${c.purpose}`;
}

export function mergeConsentOutcome(survivor: ConsentFact[], merged: ConsentFact[]): ConsentOutcome[] {
  const keys = new Map<string, { channel: Channel; purpose: ConsentPurpose }>();
  for (const c of [...survivor, ...merged]) keys.set(consentKey(c), { channel: c.channel, purpose: c.purpose });
  const outcomes: ConsentOutcome[] = [];
  for (const [key, { channel, purpose }] of keys) {
    const s = survivor.find((c) => consentKey(c) === key)?.state ?? null;
    const m = merged.find((c) => consentKey(c) === key)?.state ?? null;
    const result = mostRestrictive(s, m)!;
    const conflict = s !== null && m !== null && s !== m;
    const explanation = conflict
      ? "The customers disagree: the more restrictive choice (unsubscribed) is kept, so no one is messaged against a refusal."
      : s === null
        ? "Only the merged customer had a record; it is kept."
        : m === null
          ? "Only the surviving customer had a record; it is kept."
          : "Both customers agree.";
    outcomes.push({ channel, purpose, survivor: s, merged: m, result, conflict, explanation });
  }
  return outcomes.sort((a, b) => consentKey(a).localeCompare(consentKey(b)));
}
