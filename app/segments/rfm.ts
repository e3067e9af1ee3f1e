// Fallback RFM scoring, for customers Shopify gives no RFM group (Customer.statistics.rfmGroup is
// absent on some plans and for customers Shopify has not scored yet). Pure: customers in, groups
// out; app/segments/rfm.server.ts reads and writes the rows. The scoring, exactly:
//
// 1. Buyers are customers with ordersCount > 0 or a known last order. Everyone else is PROSPECTS.
// 2. Each buyer gets three scores from 1 to 5 by quintile within the shop's buyers, using the
//    mid-rank so that equal values always share a score:
//      p = (buyers with a smaller value + half the buyers with an equal value, itself included) / buyers
//      score = min(5, 1 + floor(5 × p))
//    Recency ranks the last order's time (later is better; a buyer whose orders predate what we
//    hold counts as the oldest), Frequency ranks ordersCount, Monetary ranks totalSpent.
// 3. FM = round((F + M) / 2), halves rounded up. The group is RFM_TABLE[R][FM]:
//
//        FM:  1             2                3                4                 5
//      R 5    NEW           NEW              ACTIVE           CHAMPIONS         CHAMPIONS
//      R 4    PROMISING     PROMISING        ACTIVE           LOYAL             LOYAL
//      R 3    PROMISING     NEEDS_ATTENTION  NEEDS_ATTENTION  LOYAL             LOYAL
//      R 2    ALMOST_LOST   ALMOST_LOST      AT_RISK          AT_RISK           PREVIOUSLY_LOYAL
//      R 1    DORMANT       DORMANT          AT_RISK          PREVIOUSLY_LOYAL  PREVIOUSLY_LOYAL
//
// The names are Shopify's own (CustomerRfmGroup), so segments on rfm_group read the same whichever
// source filled Customer.rfmGroup.
import type { RfmGroup } from "./definition";

export interface RfmInput {
  id: string;
  /** The newest order's time, or null when none is on record. */
  lastOrderAt: Date | null;
  ordersCount: number;
  /** Lifetime spend in the shop's currency. */
  totalSpent: number;
}

export interface RfmScore {
  id: string;
  recency: number;
  frequency: number;
  monetary: number;
  group: RfmGroup;
}

type Row = [RfmGroup, RfmGroup, RfmGroup, RfmGroup, RfmGroup];

/** RFM_TABLE[R - 1][FM - 1]. */
export const RFM_TABLE: readonly Row[] = [
  ["DORMANT", "DORMANT", "AT_RISK", "PREVIOUSLY_LOYAL", "PREVIOUSLY_LOYAL"],
  ["ALMOST_LOST", "ALMOST_LOST", "AT_RISK", "AT_RISK", "PREVIOUSLY_LOYAL"],
  ["PROMISING", "NEEDS_ATTENTION", "NEEDS_ATTENTION", "LOYAL", "LOYAL"],
  ["PROMISING", "PROMISING", "ACTIVE", "LOYAL", "LOYAL"],
  ["NEW", "NEW", "ACTIVE", "CHAMPIONS", "CHAMPIONS"],
];

export function groupFor(recency: number, frequency: number, monetary: number): RfmGroup {
  const fm = Math.round((frequency + monetary) / 2);
  return RFM_TABLE[recency - 1][fm - 1];
}

/** Mid-rank quintile scores (1–5) of each value among all values; equal values share a score. */
export function quintileScores(values: number[]): number[] {
  const n = values.length;
  if (n === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const scoreOf = new Map<number, number>();
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && sorted[j] === sorted[i]) j++;
    const p = (i + (j - i) / 2) / n;
    scoreOf.set(sorted[i], Math.min(5, 1 + Math.floor(5 * p)));
    i = j;
  }
  return values.map((v) => scoreOf.get(v)!);
}

export function isBuyer(customer: RfmInput): boolean {
  return customer.ordersCount > 0 || customer.lastOrderAt !== null;
}

/** Every customer's group; buyers also carry their R, F and M scores (PROSPECTS score 0). */
export function scoreRfm(customers: RfmInput[]): RfmScore[] {
  const buyers = customers.filter(isBuyer);
  const recency = quintileScores(buyers.map((c) => c.lastOrderAt?.getTime() ?? Number.NEGATIVE_INFINITY));
  const frequency = quintileScores(buyers.map((c) => c.ordersCount));
  const monetary = quintileScores(buyers.map((c) => c.totalSpent));
  const scored = new Map<string, RfmScore>();
  buyers.forEach((c, i) => {
    scored.set(c.id, {
      id: c.id,
      recency: recency[i],
      frequency: frequency[i],
      monetary: monetary[i],
      group: groupFor(recency[i], frequency[i], monetary[i]),
    });
  });
  return customers.map(
    (c) => scored.get(c.id) ?? { id: c.id, recency: 0, frequency: 0, monetary: 0, group: "PROSPECTS" as const },
  );
}
