import { describe, expect, it } from "vitest";
import { planCartRecovery, retimeCartRecovery } from "../../app/flows/plan-cart-recovery";
import { planOrderConfirmation } from "../../app/flows/plan-order-confirmation";
import { planShippingUpdate, shippingStatusOf } from "../../app/flows/plan-shipping-update";
import { planReviewRequest, retimeReviewRequest } from "../../app/flows/plan-review-request";

const H = 3600_000;
const now = new Date("2026-11-26T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const cartFlow = {
  steps: [
    { position: 2, delayMinutes: 1440 },
    { position: 1, delayMinutes: 60 },
  ],
  settings: { maxAgeDays: 7 },
};
const open = { completedAt: null, email: "a@example.com", phone: null };

describe("planCartRecovery", () => {
  it("GIVEN a fresh open checkout THEN steps are due from its updated_at", () => {
    const plan = planCartRecovery({ ...open, updatedAt: ago(10 * 60_000) }, cartFlow, now);
    expect(plan).toEqual({
      start: true,
      steps: [
        { position: 1, dueAt: new Date(now.getTime() - 10 * 60_000 + H) },
        { position: 2, dueAt: new Date(now.getTime() - 10 * 60_000 + 24 * H) },
      ],
    });
  });

  it("GIVEN a late webhook THEN step 1 is already due (send at once) and step 2 is in the future", () => {
    const plan = planCartRecovery({ ...open, updatedAt: ago(2 * H) }, cartFlow, now);
    if (!plan.start) throw new Error("expected a start");
    expect(plan.steps[0].dueAt.getTime()).toBeLessThan(now.getTime());
    expect(plan.steps[0].skipReason).toBeUndefined();
    expect(plan.steps[1].dueAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it("GIVEN a checkout so late both steps are overdue THEN only the latest is sent", () => {
    const plan = planCartRecovery({ ...open, updatedAt: ago(30 * H) }, cartFlow, now);
    if (!plan.start) throw new Error("expected a start");
    expect(plan.steps[0].skipReason).toMatch(/superseded/);
    expect(plan.steps[1].skipReason).toBeUndefined();
  });

  it("GIVEN a step due exactly now THEN it counts as overdue", () => {
    const plan = planCartRecovery({ ...open, updatedAt: ago(H) }, cartFlow, now);
    if (!plan.start) throw new Error("expected a start");
    expect(plan.steps[0].dueAt).toEqual(now);
  });

  it("GIVEN a checkout older than maxAgeDays THEN nothing starts, and every step is to be recorded as not sent with that reason", () => {
    const plan = planCartRecovery({ ...open, updatedAt: ago(7 * 24 * H + 1) }, cartFlow, now);
    expect(plan).toMatchObject({ start: false, reason: "checkout older than 7 days" });
    if (plan.start) throw new Error("expected no start");
    expect(plan.notSent?.map((s) => [s.position, s.skipReason])).toEqual([
      [1, "checkout older than 7 days"],
      [2, "checkout older than 7 days"],
    ]);
    expect(planCartRecovery({ ...open, updatedAt: ago(7 * 24 * H) }, cartFlow, now).start).toBe(true);
  });

  it("GIVEN no email and no phone THEN nothing starts; a phone alone is enough", () => {
    expect(planCartRecovery({ ...open, email: null, updatedAt: ago(0) }, cartFlow, now).start).toBe(false);
    expect(
      planCartRecovery({ ...open, email: null, phone: "+15555550100", updatedAt: ago(0) }, cartFlow, now).start,
    ).toBe(true);
  });

  it("GIVEN a completed checkout or a flow without steps THEN nothing starts", () => {
    expect(planCartRecovery({ ...open, completedAt: now, updatedAt: ago(0) }, cartFlow, now)).toEqual({
      start: false,
      reason: "checkout completed",
    });
    expect(planCartRecovery({ ...open, updatedAt: ago(0) }, { ...cartFlow, steps: [] }, now).start).toBe(false);
  });
});

describe("retimeCartRecovery", () => {
  const existing = [
    { id: "s1", position: 1, state: "SENT", dueAt: ago(H) },
    { id: "s2", position: 2, state: "PENDING", dueAt: new Date(now.getTime() + 10 * H) },
  ];
  it("GIVEN a newer checkouts/update THEN only unsent steps move", () => {
    const plan = planCartRecovery({ ...open, updatedAt: ago(0) }, cartFlow, now);
    if (!plan.start) throw new Error("expected a start");
    expect(retimeCartRecovery(existing, plan.steps)).toEqual([
      { id: "s2", position: 2, dueAt: new Date(now.getTime() + 24 * H) },
    ]);
  });
  it("GIVEN the same times THEN nothing changes", () => {
    expect(
      retimeCartRecovery(
        [{ ...existing[1], dueAt: new Date(now.getTime() + 24 * H) }],
        [{ position: 2, dueAt: new Date(now.getTime() + 24 * H) }],
      ),
    ).toEqual([]);
  });
  it("GIVEN a step DEFERRED by quiet hours or the cap THEN a repeated or earlier plan keeps the deferral and only a later one moves it", () => {
    const deferred = { ...existing[1], state: "DEFERRED" }; // waits until now + 10 h
    expect(retimeCartRecovery([deferred], [{ position: 2, dueAt: now }])).toEqual([]);
    expect(retimeCartRecovery([deferred], [{ position: 2, dueAt: deferred.dueAt }])).toEqual([]);
    expect(retimeCartRecovery([deferred], [{ position: 2, dueAt: new Date(now.getTime() + 24 * H) }])).toEqual([
      { id: "s2", position: 2, dueAt: new Date(now.getTime() + 24 * H) },
    ]);
  });
});

describe("planOrderConfirmation", () => {
  const steps = [{ position: 1, delayMinutes: 0 }];
  it("GIVEN orders/create THEN one step due now keyed by the order", () => {
    expect(planOrderConfirmation({ id: "o1", cancelledAt: null, customerId: "c1" }, true, steps, now)).toEqual({
      start: true,
      triggerKey: "order:o1",
      steps: [{ position: 1, dueAt: now }],
    });
  });
  it("GIVEN orders/updated, a cancelled order or no customer THEN nothing", () => {
    expect(planOrderConfirmation({ id: "o1", cancelledAt: null, customerId: "c1" }, false, steps, now).start).toBe(
      false,
    );
    expect(planOrderConfirmation({ id: "o1", cancelledAt: now, customerId: "c1" }, true, steps, now).start).toBe(false);
    expect(planOrderConfirmation({ id: "o1", cancelledAt: null, customerId: null }, true, steps, now).start).toBe(
      false,
    );
  });
});

describe("planShippingUpdate", () => {
  const steps = [{ position: 1, delayMinutes: 0 }];
  const base = { id: "f1", status: "success", shipmentStatus: null, trackingNumber: "1Z", trackingUrl: null };
  it("GIVEN a new fulfillment with tracking THEN the shipped message", () => {
    expect(planShippingUpdate(base, steps, now)).toEqual({
      start: true,
      status: "shipped",
      triggerKey: "fulfillment:f1:shipped",
      steps: [{ position: 1, dueAt: now }],
    });
  });
  it("GIVEN no tracking yet THEN nothing", () => {
    expect(planShippingUpdate({ ...base, trackingNumber: null }, steps, now)).toEqual({
      start: false,
      reason: "no tracking yet",
    });
  });
  it.each(["in_transit", "out_for_delivery", "delivered", "failure"])(
    "GIVEN shipment status %s THEN its own key",
    (s) => {
      const plan = planShippingUpdate({ ...base, shipmentStatus: s }, steps, now);
      expect(plan).toMatchObject({ start: true, status: s, triggerKey: `fulfillment:f1:${s}` });
    },
  );
  it("GIVEN the same status twice THEN the same trigger key (one run)", () => {
    const a = planShippingUpdate({ ...base, shipmentStatus: "in_transit" }, steps, now);
    const b = planShippingUpdate({ ...base, shipmentStatus: "IN_TRANSIT" }, steps, now);
    expect(a).toEqual(b);
  });
  it("GIVEN other statuses THEN no message", () => {
    expect(shippingStatusOf({ ...base, shipmentStatus: "attempted_delivery" })).toEqual({
      none: "shipment status attempted_delivery is not messaged",
    });
    expect(shippingStatusOf({ ...base, shipmentStatus: "label_printed" })).toBe("shipped");
    expect(shippingStatusOf({ ...base, status: "cancelled" })).toEqual({ none: "fulfillment cancelled" });
  });
});

describe("planReviewRequest", () => {
  const settings = { reviewDelayDays: 7, reviewDelayDaysWithoutDelivery: 14 };
  const steps = [{ position: 1, delayMinutes: 0 }];
  const D = 24 * H;
  it("GIVEN a delivered fulfillment THEN due reviewDelayDays after delivery", () => {
    expect(
      planReviewRequest("o1", { createdAt: ago(3 * D), deliveredAt: ago(D), status: "success" }, settings, steps),
    ).toEqual({
      start: true,
      basis: "delivery",
      triggerKey: "review:o1",
      steps: [{ position: 1, dueAt: new Date(now.getTime() + 6 * D) }],
    });
  });
  it("GIVEN no delivery THEN due reviewDelayDaysWithoutDelivery after the fulfillment", () => {
    const plan = planReviewRequest("o1", { createdAt: ago(D), deliveredAt: null, status: "success" }, settings, steps);
    expect(plan).toMatchObject({
      basis: "fulfillment",
      steps: [{ position: 1, dueAt: new Date(now.getTime() + 13 * D) }],
    });
  });
  it("GIVEN a cancelled fulfillment THEN nothing", () => {
    expect(
      planReviewRequest("o1", { createdAt: now, deliveredAt: null, status: "cancelled" }, settings, steps).start,
    ).toBe(false);
  });
  it("GIVEN a later delivered THEN the pending step is re-timed, a sent one is not", () => {
    const planned = [{ position: 1, dueAt: new Date(now.getTime() + 7 * D) }];
    expect(retimeReviewRequest([{ id: "s", position: 1, state: "PENDING", dueAt: ago(-13 * D) }], planned)).toEqual([
      { id: "s", dueAt: planned[0].dueAt },
    ]);
    expect(retimeReviewRequest([{ id: "s", position: 1, state: "SENT", dueAt: ago(-13 * D) }], planned)).toEqual([]);
  });
});
