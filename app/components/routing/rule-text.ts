// Words for routing rules in the admin: the labels of each condition field, action and value, and a
// one-line summary of a rule for the list. Pure, shared by the list and the editor.
import type { RoutingAction, RoutingCondition } from "../../routing/rule-schema";
import { channelLabel } from "../StatusBadges";

export const CONDITION_LABELS: Record<RoutingCondition["field"], string> = {
  channel: "Channel",
  language: "Language",
  intent: "Intent",
  handoff_reason: "Hand-off reason",
  keywords: "Message contains a keyword",
  customer_tags: "Customer has a tag",
  lifetime_value: "Lifetime value",
  order_value: "Latest order value",
  customer_type: "First-time or returning",
  business_hours: "Business hours",
};

export const ACTION_LABELS: Record<RoutingAction["type"], string> = {
  assign_team: "Assign to a team",
  assign_person: "Assign to a person",
  set_priority: "Set priority",
  add_tags: "Add tags",
  send_saved_reply: "Send a saved reply",
  mark_spam: "Mark as spam",
};

export const VALUE_LABELS: Record<string, string> = {
  en: "English",
  es: "Spanish",
  fr: "French",
  order_tracking: "Where is my order",
  handoff: "Needs a person",
  prompt_injection: "Tries to instruct the assistant",
  other: "Anything else",
  asked_for_person: "Asked for a person",
  frustration: "Frustration",
  legal_threat: "Legal threat",
  dispute: "Payment dispute",
  safety: "Safety",
  self_harm: "Self-harm",
  vip_customer: "VIP customer",
  merchant_topic: "Merchant topic",
  low_confidence: "Low confidence",
  first_time: "First-time customer (at most one order)",
  returning: "Returning customer (two orders or more)",
  within: "Within business hours",
  outside: "Outside business hours",
  gte: "at least",
  lte: "at most",
  round_robin: "Round robin",
  least_loaded: "Least loaded",
  LOW: "Low",
  NORMAL: "Normal",
  HIGH: "High",
  URGENT: "Urgent",
};

export const valueLabel = (v: string) => VALUE_LABELS[v] ?? channelLabel(v);

export function conditionText(c: RoutingCondition): string {
  switch (c.field) {
    case "channel":
    case "language":
    case "intent":
    case "handoff_reason":
      return `${CONDITION_LABELS[c.field]} is ${c.in.map(valueLabel).join(" or ")}`;
    case "keywords":
      return `Message contains ${c.any.map((k) => `“${k}”`).join(" or ")}`;
    case "customer_tags":
      return `Customer tag ${c.any.join(" or ")}`;
    case "lifetime_value":
    case "order_value":
      return `${CONDITION_LABELS[c.field]} ${valueLabel(c.op)} ${c.value}`;
    case "customer_type":
    case "business_hours":
      return valueLabel(c.is);
  }
}

export function actionText(
  a: RoutingAction,
  names: { teams: Map<string, string>; staff: Map<string, string>; replies: Map<string, string> },
): string {
  switch (a.type) {
    case "assign_team":
      return `Assign to team ${names.teams.get(a.teamId) ?? "(deleted team)"}, ${valueLabel(a.strategy).toLowerCase()}`;
    case "assign_person":
      return `Assign to ${names.staff.get(a.staffMemberId) ?? "(deleted staff member)"}`;
    case "set_priority":
      return `Priority ${valueLabel(a.priority).toLowerCase()}`;
    case "add_tags":
      return `Tag ${a.tags.join(", ")}`;
    case "send_saved_reply":
      return `Send “${names.replies.get(a.savedReplyId) ?? "(deleted saved reply)"}”`;
    case "mark_spam":
      return "Mark as spam";
  }
}
