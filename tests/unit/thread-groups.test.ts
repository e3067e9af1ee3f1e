// The conversation page's thread: messages stay the main items; runs of events fold into one row.
import { describe, expect, it } from "vitest";
import { groupThread, summarizeEvents } from "../../app/components/thread-groups";

const event = (id: string, type: string) => ({ kind: "event" as const, id, type, at: new Date(0), title: id });
const message = (id: string) => ({ kind: "message" as const, id });

describe("groupThread", () => {
  it("GIVEN fourteen order events before one message WHEN grouped THEN one compact row precedes the message", () => {
    const events = Array.from({ length: 14 }, (_, i) => event(`e${i}`, i % 2 ? "ORDER_PAID" : "ORDER_PLACED"));
    const entries = groupThread([...events, message("m1")]);
    expect(entries.map((e) => e.kind)).toEqual(["events", "message"]);
    expect(entries[0]).toMatchObject({ summary: "14 order events" });
  });

  it("GIVEN events between messages WHEN grouped THEN order is kept and a lone event stays a line", () => {
    const entries = groupThread([
      message("m1"),
      event("e1", "CHECKOUT_STARTED"),
      message("m2"),
      event("e2", "ORDER_PLACED"),
      event("e3", "CHECKOUT_RECOVERED"),
    ]);
    expect(entries.map((e) => [e.kind, e.key])).toEqual([
      ["message", "m1"],
      ["event", "e1"],
      ["message", "m2"],
      ["events", "events-e2"],
    ]);
    expect(summarizeEvents([{ type: "ORDER_PLACED" }, { type: "CHECKOUT_RECOVERED" }])).toBe(
      "1 order event, 1 checkout event",
    );
  });
});
