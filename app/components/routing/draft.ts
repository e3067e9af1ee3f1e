// The editor's working copy of a rule: the rule JSON's own shape (rule-schema.ts), possibly
// incomplete while staff edit it (an empty list, a number still being typed). The server checks it
// on save and on preview; these helpers only build defaults.
import type { RoutingAction, RoutingCondition } from "../../routing/rule-schema";

export type ConditionDraft = { field: RoutingCondition["field"] } & Record<string, unknown>;
export type ActionDraft = { type: RoutingAction["type"] } & Record<string, unknown>;

export interface RuleDraft {
  name: string;
  enabled: boolean;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

export function defaultCondition(field: RoutingCondition["field"]): ConditionDraft {
  switch (field) {
    case "keywords":
    case "customer_tags":
      return { field, any: [] };
    case "lifetime_value":
    case "order_value":
      return { field, op: "gte", value: 100 };
    case "customer_type":
      return { field, is: "first_time" };
    case "business_hours":
      return { field, is: "outside" };
    default:
      return { field, in: [] };
  }
}

export function defaultAction(
  type: RoutingAction["type"],
  firstIds: { team?: string; staff?: string; reply?: string },
): ActionDraft {
  switch (type) {
    case "assign_team":
      return { type, teamId: firstIds.team ?? "", strategy: "round_robin" };
    case "assign_person":
      return { type, staffMemberId: firstIds.staff ?? "" };
    case "set_priority":
      return { type, priority: "HIGH" };
    case "add_tags":
      return { type, tags: [] };
    case "send_saved_reply":
      return { type, savedReplyId: firstIds.reply ?? "" };
    case "mark_spam":
      return { type };
  }
}

/** "a, b ,, c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
