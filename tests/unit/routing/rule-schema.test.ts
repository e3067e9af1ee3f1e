// The rule JSON as saved: exact shapes accepted, mistakes refused with the field named.
import { describe, expect, it } from "vitest";
import { firstIssue, readStoredRule, ruleInputSchema } from "../../../app/routing/rule-schema";
import { parseRoutingSettingsForm, readRoutingSettings } from "../../../app/routing/settings";

const valid = {
  name: "VIP email",
  conditions: [
    { field: "channel", in: ["EMAIL"] },
    { field: "lifetime_value", op: "gte", value: 1000 },
  ],
  actions: [
    { type: "assign_team", teamId: "team_1", strategy: "round_robin" },
    { type: "set_priority", priority: "HIGH" },
    { type: "add_tags", tags: ["vip"] },
  ],
};

describe("rule JSON", () => {
  it("GIVEN a well-formed rule THEN it parses, enabled by default", () => {
    const parsed = ruleInputSchema.parse(valid);
    expect(parsed.enabled).toBe(true);
    expect(parsed.actions).toHaveLength(3);
  });

  it.each([
    [{ ...valid, name: "" }, "name: is required"],
    [{ ...valid, actions: [] }, "actions: add at least one action"],
    [{ ...valid, conditions: [{ field: "channel", in: [] }] }, "conditions.0.in: choose at least one"],
    [{ ...valid, conditions: [{ field: "channel", in: ["FAX"] }] }, "conditions.0.in.0:"],
    [
      { ...valid, conditions: [{ field: "order_value", op: "gte", value: -1 }] },
      "conditions.0.value: must be 0 or more",
    ],
    [
      {
        ...valid,
        actions: [
          { type: "assign_team", teamId: "t", strategy: "round_robin" },
          { type: "assign_person", staffMemberId: "s" },
        ],
      },
      "actions: assign to one team or one person only",
    ],
    [
      { ...valid, actions: [{ type: "mark_spam" }, { type: "assign_person", staffMemberId: "s" }] },
      "actions: a spam rule cannot also assign",
    ],
  ])("GIVEN a mistake THEN the first issue names the field (%#)", (input, message) => {
    const parsed = ruleInputSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(firstIssue(parsed.error!).error).toContain(message);
  });

  it("GIVEN a stored rule with an unknown condition THEN it reads as null (never matches)", () => {
    expect(readStoredRule({ conditions: [{ field: "weather", is: "sunny" }], actions: [] })).toBeNull();
    expect(readStoredRule({ conditions: [], actions: [{ type: "mark_spam" }] })).toEqual({
      conditions: [],
      actions: [{ type: "mark_spam" }],
    });
  });
});

describe("routing settings", () => {
  it("GIVEN nothing stored THEN both are off", () => {
    expect(readRoutingSettings({})).toEqual({ reassignAfterMinutes: null, escalateAfterMinutes: null });
    expect(readRoutingSettings({ routing: { reassignAfterMinutes: 15, escalateAfterMinutes: "x" } })).toEqual({
      reassignAfterMinutes: 15,
      escalateAfterMinutes: null,
    });
  });

  it("GIVEN the form THEN empty is off, whole minutes 1–10080 are kept, anything else names the field", () => {
    const form = (values: Record<string, string>) => (name: string) => values[name] ?? null;
    expect(parseRoutingSettingsForm(form({ reassignAfterMinutes: "15", escalateAfterMinutes: "" }))).toEqual({
      ok: true,
      settings: { reassignAfterMinutes: 15, escalateAfterMinutes: null },
    });
    expect(parseRoutingSettingsForm(form({ reassignAfterMinutes: "1.5" }))).toMatchObject({
      ok: false,
      error: "reassignAfterMinutes: must be a whole number of minutes",
    });
    expect(parseRoutingSettingsForm(form({ escalateAfterMinutes: "20000" }))).toMatchObject({
      ok: false,
      error: "escalateAfterMinutes: must be between 1 and 10080 minutes",
    });
  });
});
