// The routing decision, pure: what is known about a new or reopened conversation (RoutingFacts) and
// the shop's rules in position order → the first enabled rule whose conditions ALL hold, and the
// staff member an assignment goes to. No I/O here; route-conversation.server.ts loads and applies.
import { detectMandatoryHandoff } from "../knowledge/handoff-detectors";
import { detectOrderTracking, detectPromptInjection } from "../knowledge/intent-detectors";
import type { RoutingAction, RoutingCondition } from "./rule-schema";
import { readStoredRule } from "./rule-schema";

export type RoutingIntent = "order_tracking" | "handoff" | "prompt_injection" | "other";

export interface RoutingFacts {
  channel: string;
  /** en, es or fr: the customer's locale when it is one of them, else detected from the message. */
  language: string;
  intent: RoutingIntent;
  handoffReason: string | null;
  /** The customer message that opened (or reopened) the conversation. */
  text: string;
  /** Tags on any of the customer's conversations (Threadline keeps no Shopify customer tags). */
  customerTags: readonly string[];
  lifetimeValue: number;
  /** The customer's latest order's total, null when they have none. */
  latestOrderValue: number | null;
  ordersCount: number;
  withinBusinessHours: boolean;
}

export interface RuleForDecision {
  id: string;
  name: string;
  enabled: boolean;
  conditions: unknown;
  actions: unknown;
}

export interface RoutingDecision {
  ruleId: string;
  ruleName: string;
  actions: RoutingAction[];
}

/** What the intake detectors say about the text (the assistant's own decision comes later, async). */
export function intentOf(text: string): { intent: RoutingIntent; handoffReason: string | null } {
  if (detectPromptInjection(text)) return { intent: "prompt_injection", handoffReason: null };
  const handoff = detectMandatoryHandoff(text);
  if (handoff) return { intent: "handoff", handoffReason: handoff.reason };
  if (detectOrderTracking(text)) return { intent: "order_tracking", handoffReason: null };
  return { intent: "other", handoffReason: null };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whole words (or phrases), case-insensitive; letters and digits of any script bound a word. */
export function containsKeyword(text: string, keyword: string): boolean {
  const phrase = keyword.trim().split(/\s+/).filter(Boolean).map(escape).join("\\s+");
  if (!phrase) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, "iu").test(text);
}

const compare = (op: "gte" | "lte", actual: number, value: number) =>
  op === "gte" ? actual >= value : actual <= value;

/** Shopify's definition: a returning customer has placed more than one order. */
export function customerTypeOf(ordersCount: number): "first_time" | "returning" {
  return ordersCount >= 2 ? "returning" : "first_time";
}

export function conditionHolds(condition: RoutingCondition, facts: RoutingFacts): boolean {
  switch (condition.field) {
    case "channel":
      return (condition.in as readonly string[]).includes(facts.channel);
    case "language":
      return (condition.in as readonly string[]).includes(facts.language);
    case "intent":
      return (condition.in as readonly string[]).includes(facts.intent);
    case "handoff_reason":
      return facts.handoffReason !== null && (condition.in as readonly string[]).includes(facts.handoffReason);
    case "keywords":
      return condition.any.some((k) => containsKeyword(facts.text, k));
    case "customer_tags": {
      const tags = new Set(facts.customerTags.map((t) => t.toLowerCase()));
      return condition.any.some((t) => tags.has(t.trim().toLowerCase()));
    }
    case "lifetime_value":
      return compare(condition.op, facts.lifetimeValue, condition.value);
    case "order_value":
      return facts.latestOrderValue !== null && compare(condition.op, facts.latestOrderValue, condition.value);
    case "customer_type":
      return customerTypeOf(facts.ordersCount) === condition.is;
    case "business_hours":
      return facts.withinBusinessHours === (condition.is === "within");
  }
}

/** The first enabled rule (caller passes them in position order) whose conditions all hold. */
export function decideRouting(rules: readonly RuleForDecision[], facts: RoutingFacts): RoutingDecision | null {
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const parsed = readStoredRule(rule);
    if (!parsed || parsed.actions.length === 0) continue;
    if (parsed.conditions.every((c) => conditionHolds(c, facts)))
      return { ruleId: rule.id, ruleName: rule.name, actions: parsed.actions };
  }
  return null;
}

export interface MemberCandidate {
  id: string;
  userId: string;
  name: string;
  availability: "ONLINE" | "AWAY";
  capacity: number | null;
  /** Conversations assigned to them that are not resolved. */
  openCount: number;
  lastAssignedAt: Date | null;
}

export function isAvailable(m: MemberCandidate): boolean {
  return m.availability === "ONLINE" && (m.capacity === null || m.openCount < m.capacity);
}

const time = (d: Date | null) => (d ? d.getTime() : -Infinity);

/**
 * Round robin: the available member routing gave a conversation longest ago (never first).
 * Least loaded: the fewest open conversations, then as round robin. Null when nobody is available.
 */
export function pickMember(
  members: readonly MemberCandidate[],
  strategy: "round_robin" | "least_loaded",
  exceptUserId: string | null = null,
): MemberCandidate | null {
  const candidates = members.filter((m) => isAvailable(m) && m.userId !== exceptUserId);
  candidates.sort(
    (a, b) =>
      (strategy === "least_loaded" ? a.openCount - b.openCount : 0) ||
      time(a.lastAssignedAt) - time(b.lastAssignedAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return candidates[0] ?? null;
}
