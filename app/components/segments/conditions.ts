// The builder's words for each condition, and a sensible new condition per field. Shared by the
// condition rows, the editor and the segment list; safe on server and client.
import {
  RFM_GROUPS,
  type ConditionField,
  type SegmentCondition,
  type SegmentDefinition,
} from "../../segments/definition";

export const FIELD_LABELS: Record<ConditionField, string> = {
  rfm_group: "RFM group",
  orders_count: "Number of orders",
  total_spent: "Amount spent",
  days_since_last_order: "Days since last order",
  country: "Country",
  consent: "Consent",
  last_channel: "Last channel used",
  open_conversation: "Open conversation",
  csat: "Latest CSAT score",
  engagement: "Engagement",
  cart_recovery: "Cart recovery",
  viewed_product: "Viewed a product",
};

export const COMPARISON_LABELS: Record<string, string> = {
  gte: "at least",
  lte: "at most",
  gt: "more than",
  lt: "less than",
  eq: "exactly",
};

export const RFM_LABELS: Record<(typeof RFM_GROUPS)[number], string> = {
  CHAMPIONS: "Champions",
  LOYAL: "Loyal",
  ACTIVE: "Active",
  NEW: "New",
  PROMISING: "Promising",
  NEEDS_ATTENTION: "Needs attention",
  AT_RISK: "At risk",
  PREVIOUSLY_LOYAL: "Previously loyal",
  ALMOST_LOST: "Almost lost",
  DORMANT: "Dormant",
  PROSPECTS: "Prospects",
};

export const CHANNEL_LABELS: Record<string, string> = {
  SMS: "SMS",
  WHATSAPP: "WhatsApp",
  EMAIL: "Email",
  CHAT: "Chat",
  INSTAGRAM: "Instagram",
  MESSENGER: "Messenger",
};

/**
 * A condition as edited: numbers may be "" while typed, lists may be empty. The preview and save
 * answer a field error until it is complete.
 */
export type ConditionDraft = { field: ConditionField } & Record<string, unknown>;

export interface SegmentDraft {
  name: string;
  definition: { match: SegmentDefinition["match"]; conditions: ConditionDraft[] };
  shopifyQuery: string;
}

export function defaultCondition(field: ConditionField): ConditionDraft {
  switch (field) {
    case "rfm_group":
      return { field, in: ["CHAMPIONS", "LOYAL"] };
    case "orders_count":
      return { field, op: "gte", value: 2 };
    case "total_spent":
      return { field, op: "gte", value: 100 };
    case "days_since_last_order":
      return { field, op: "gte", value: 90 };
    case "country":
      return { field, in: ["US"] };
    case "consent":
      return { field, channel: "EMAIL", purpose: "MARKETING", state: "granted" };
    case "last_channel":
      return { field, in: ["SMS"] };
    case "open_conversation":
      return { field, value: true };
    case "csat":
      return { field, op: "gte", value: 4 };
    case "engagement":
      return { field, event: "clicked", withinDays: 30, happened: true };
    case "cart_recovery":
      return { field, state: "active" };
    case "viewed_product":
      return { field, productId: null, withinDays: 7 };
  }
}

/** The draft as the definition JSON the server checks. */
export function definitionOf(draft: SegmentDraft): unknown {
  return { match: draft.definition.match, conditions: draft.definition.conditions };
}

/** One line per condition, for the list and screen readers: "Number of orders at least 2". */
export function describeCondition(c: SegmentCondition): string {
  const label = FIELD_LABELS[c.field];
  switch (c.field) {
    case "rfm_group":
      return `${label} is ${c.in.map((g) => RFM_LABELS[g]).join(" or ")}`;
    case "orders_count":
    case "total_spent":
    case "days_since_last_order":
    case "csat":
      return `${label} ${COMPARISON_LABELS[c.op]} ${c.value}`;
    case "country":
      return `${label} is ${c.in.join(" or ")}`;
    case "consent":
      return `${CHANNEL_LABELS[c.channel]} ${c.purpose.toLowerCase()} ${c.state}`;
    case "last_channel":
      return `${label} is ${c.in.map((ch) => CHANNEL_LABELS[ch]).join(" or ")}`;
    case "open_conversation":
      return c.value ? "Has an open conversation" : "Has no open conversation";
    case "engagement":
      return `${c.happened ? "" : "Not "}${c.event} in the last ${c.withinDays} days`.replace(/^./, (s) =>
        s.toUpperCase(),
      );
    case "cart_recovery":
      return `${label}: ${c.state}`;
    case "viewed_product":
      return `Viewed ${c.productId ? `product ${c.productId}` : "any product"} in the last ${c.withinDays} days`;
  }
}
