// The routing rule's JSON (RoutingRule.conditions and .actions), checked with zod wherever a rule is
// saved, previewed or read back. Stored rows are read leniently (a condition this code no longer
// knows makes the rule never match, rather than match everything). README "### Routing" documents it.
import { z } from "zod";

export const ROUTING_CHANNELS = ["SMS", "WHATSAPP", "EMAIL", "CHAT", "INSTAGRAM", "MESSENGER"] as const;
export const ROUTING_LANGUAGES = ["en", "es", "fr"] as const;
/** Decided at intake from the message text (app/knowledge/ detectors), before the assistant runs. */
export const ROUTING_INTENTS = ["order_tracking", "handoff", "prompt_injection", "other"] as const;
export const ROUTING_HANDOFF_REASONS = [
  "asked_for_person",
  "frustration",
  "legal_threat",
  "dispute",
  "safety",
  "self_harm",
  "vip_customer",
  "merchant_topic",
  "low_confidence",
  "order_tracking",
] as const;
export const ROUTING_PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export const ROUTING_STRATEGIES = ["round_robin", "least_loaded"] as const;
export const MAX_CONDITIONS = 20;
export const MAX_ACTIONS = 10;
export const MAX_RULE_NAME = 100;

const word = z.string().trim().min(1, "must not be empty").max(60, "at most 60 characters");
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1, "choose at least one").max(50);
const money = z.number().finite().min(0, "must be 0 or more").max(100_000_000);
const id = z.string().trim().min(1, "is required").max(64);

export const conditionSchema = z.discriminatedUnion("field", [
  z.object({ field: z.literal("channel"), in: list(z.enum(ROUTING_CHANNELS)) }),
  z.object({ field: z.literal("language"), in: list(z.enum(ROUTING_LANGUAGES)) }),
  z.object({ field: z.literal("intent"), in: list(z.enum(ROUTING_INTENTS)) }),
  z.object({ field: z.literal("handoff_reason"), in: list(z.enum(ROUTING_HANDOFF_REASONS)) }),
  z.object({ field: z.literal("keywords"), any: list(word) }),
  z.object({ field: z.literal("customer_tags"), any: list(word) }),
  z.object({ field: z.literal("lifetime_value"), op: z.enum(["gte", "lte"]), value: money }),
  z.object({ field: z.literal("order_value"), op: z.enum(["gte", "lte"]), value: money }),
  z.object({ field: z.literal("customer_type"), is: z.enum(["first_time", "returning"]) }),
  z.object({ field: z.literal("business_hours"), is: z.enum(["within", "outside"]) }),
]);

export const actionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("assign_team"), teamId: id, strategy: z.enum(ROUTING_STRATEGIES) }),
  z.object({ type: z.literal("assign_person"), staffMemberId: id }),
  z.object({ type: z.literal("set_priority"), priority: z.enum(ROUTING_PRIORITIES) }),
  z.object({ type: z.literal("add_tags"), tags: list(word).max(20) }),
  z.object({ type: z.literal("send_saved_reply"), savedReplyId: id }),
  z.object({ type: z.literal("mark_spam") }),
]);

export const ruleInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(MAX_RULE_NAME, `at most ${MAX_RULE_NAME} characters`),
    enabled: z.boolean().default(true),
    conditions: z.array(conditionSchema).max(MAX_CONDITIONS),
    actions: z.array(actionSchema).min(1, "add at least one action").max(MAX_ACTIONS),
  })
  .superRefine((rule, ctx) => {
    const kinds = rule.actions.map((a) => a.type);
    if (kinds.filter((k) => k === "assign_team" || k === "assign_person").length > 1)
      ctx.addIssue({ code: "custom", path: ["actions"], message: "assign to one team or one person only" });
    if (kinds.length !== new Set(kinds).size)
      ctx.addIssue({ code: "custom", path: ["actions"], message: "each kind of action at most once" });
    if (kinds.includes("mark_spam") && kinds.some((k) => k === "assign_team" || k === "assign_person"))
      ctx.addIssue({ code: "custom", path: ["actions"], message: "a spam rule cannot also assign" });
  });

export type RoutingCondition = z.infer<typeof conditionSchema>;
export type RoutingAction = z.infer<typeof actionSchema>;
export type RuleInput = z.infer<typeof ruleInputSchema>;

/** "actions.0.teamId: is required": the first problem, its path first, as the editor shows it. */
export function firstIssue(error: z.ZodError): { field: string; error: string } {
  const issue = error.issues[0]!;
  const field = issue.path.join(".");
  return { field, error: field ? `${field}: ${issue.message}` : issue.message };
}

/** A stored rule's JSON: null when any part no longer parses (the rule then never matches). */
export function readStoredRule(row: { conditions: unknown; actions: unknown }): {
  conditions: RoutingCondition[];
  actions: RoutingAction[];
} | null {
  const conditions = z.array(conditionSchema).safeParse(row.conditions);
  const actions = z.array(actionSchema).safeParse(row.actions);
  return conditions.success && actions.success ? { conditions: conditions.data, actions: actions.data } : null;
}
