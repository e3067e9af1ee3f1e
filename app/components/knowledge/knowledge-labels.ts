// Words the Knowledge page shows for stored values and decisions (one mapping, used everywhere).
import type { AnswerDecision } from "../../knowledge/contracts";

export const SOURCE_LABELS: Record<string, string> = {
  MANUAL: "Written here",
  CSV: "CSV import",
  DOCUMENT: "Document import",
  SHOP_POLICY: "Shop policy",
  SUGGESTED: "Suggested",
};

export const DECISION_LABELS: Record<AnswerDecision["kind"], string> = {
  answer: "Answer",
  order_tracking: "Order tracking",
  handoff: "Hand-off to a person",
};

/** 0.8734 → "87 %". */
export function percent(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)} %`;
}
