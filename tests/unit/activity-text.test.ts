// The activity line of each kind, as the conversation page and the order-page block show it.
import { describe, expect, it } from "vitest";
import { activityText } from "../../app/staff/activity-text";

const staff = { actorType: "STAFF", actorName: "Sam Lee" };

describe("activityText", () => {
  it.each([
    [{ kind: "assigned", detail: { assigneeName: "Ana Lima" } }, "Assigned to Ana Lima by Sam Lee"],
    [{ kind: "unassigned", detail: {} }, "Unassigned by Sam Lee"],
    [{ kind: "status_changed", detail: { from: "OPEN", to: "RESOLVED" } }, "Resolved by Sam Lee"],
    [{ kind: "status_changed", detail: { from: "RESOLVED", to: "OPEN" } }, "Reopened by Sam Lee"],
    [{ kind: "status_changed", detail: { from: "OPEN", to: "PENDING" } }, "Marked pending by Sam Lee"],
    [{ kind: "status_changed", detail: { from: "OPEN", to: "SNOOZED" } }, "Snoozed by Sam Lee"],
    [{ kind: "priority_changed", detail: { from: "NORMAL", to: "URGENT" } }, "Priority set to Urgent by Sam Lee"],
    [
      { kind: "tags_changed", detail: { added: ["refund", "vip"], removed: ["old"] } },
      "Tags added refund, vip; removed old by Sam Lee",
    ],
    [{ kind: "team_changed", detail: { teamName: "Returns" } }, "Team set to Returns by Sam Lee"],
    [{ kind: "team_changed", detail: { teamName: null } }, "Team removed by Sam Lee"],
  ])("%j", (entry, text) => {
    expect(activityText({ ...staff, ...entry })).toBe(text);
  });

  it("names Flow, rules and the system, and keeps markup as text", () => {
    expect(activityText({ kind: "assigned", actorType: "FLOW", actorName: null, detail: { assigneeName: "Bo" } })).toBe(
      "Assigned to Bo by Shopify Flow",
    );
    expect(activityText({ kind: "routed", actorType: "RULE", actorName: "VIP first", detail: {} })).toBe(
      'Routed by rule "VIP first"',
    );
    expect(
      activityText({ kind: "routed", actorType: "RULE", actorName: "VIP", detail: { assigneeName: "Ana Lima" } }),
    ).toBe('Routed to Ana Lima by rule "VIP"');
    expect(
      activityText({ kind: "escalated", actorType: "SYSTEM", actorName: null, detail: { assigneeName: "Lead Lu" } }),
    ).toBe("Escalated to Lead Lu automatically");
    expect(activityText({ kind: "reassigned", actorType: "SYSTEM", actorName: null, detail: {} })).toBe(
      "Reassigned to someone automatically",
    );
    expect(
      activityText({ kind: "assigned", actorType: "STAFF", actorName: "<b>Eve</b>", detail: { assigneeName: "Ana" } }),
    ).toBe("Assigned to Ana by <b>Eve</b>");
  });
});
