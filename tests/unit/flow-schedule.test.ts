import { describe, expect, it } from "vitest";
import { describeFlowSchedule, describeWaitStart } from "../../app/components/flow-format";
import { flowSettings } from "../../app/flow-runs/flow-config.server";

const defaults = flowSettings({});
const sms = ["SMS", "WHATSAPP", "EMAIL"];

describe("the Flows page's schedule line", () => {
  it("GIVEN the default cart recovery THEN both reminders count from the checkout's last update", () => {
    expect(
      describeFlowSchedule(
        "CART_RECOVERY",
        [
          { delayMinutes: 60, channels: sms },
          { delayMinutes: 1440, channels: ["EMAIL"] },
        ],
        defaults,
      ),
    ).toBe(
      "Sends 1 hour after the checkout's last update by SMS → WhatsApp → Email; then 1 day after the checkout's last update by Email",
    );
  });

  it("GIVEN a review request step with no delay of its own THEN it reads as the flow's wait after delivery, not 'at once'", () => {
    expect(describeFlowSchedule("REVIEW_REQUEST", [{ delayMinutes: 0, channels: ["EMAIL"] }], defaults)).toBe(
      "Sends 7 days after delivery (14 days after fulfillment when no delivery is reported) by Email",
    );
    const merchantSettings = flowSettings({ reviewDelayDays: 3, reviewDelayDaysWithoutDelivery: 10 });
    expect(describeFlowSchedule("REVIEW_REQUEST", [{ delayMinutes: 0, channels: ["SMS"] }], merchantSettings)).toBe(
      "Sends 3 days after delivery (10 days after fulfillment when no delivery is reported) by SMS",
    );
  });

  it("GIVEN order confirmation and shipping updates THEN they say what they react to", () => {
    expect(describeFlowSchedule("ORDER_CONFIRMATION", [{ delayMinutes: 0, channels: ["EMAIL"] }], defaults)).toBe(
      "Sends as soon as the order is placed by Email",
    );
    expect(describeFlowSchedule("ORDER_CONFIRMATION", [{ delayMinutes: 15, channels: ["EMAIL"] }], defaults)).toBe(
      "Sends 15 minutes after the order is placed by Email",
    );
    expect(describeFlowSchedule("SHIPPING_UPDATE", [{ delayMinutes: 0, channels: sms }], defaults)).toBe(
      "Sends at each shipment status by SMS → WhatsApp → Email",
    );
  });

  it("GIVEN a flow without steps THEN it says so", () => {
    expect(describeFlowSchedule("ORDER_CONFIRMATION", [], defaults)).toBe("No steps.");
  });
});

describe("the editor's help under a step's wait", () => {
  it("GIVEN each kind of flow THEN it names what the wait counts from", () => {
    expect(describeWaitStart("CART_RECOVERY", 1)).toBe(
      "Counted from the checkout's last update, not from the previous step.",
    );
    expect(describeWaitStart("ORDER_CONFIRMATION", 0)).toBe("After the order is placed. 0 sends at once.");
    expect(describeWaitStart("SHIPPING_UPDATE", 0)).toBe("After each shipment status. 0 sends at once.");
    expect(describeWaitStart("REVIEW_REQUEST", 0)).toBe(
      "Added to the days after delivery (or fulfillment) set above. 0 sends then.",
    );
  });
});

describe("flow settings", () => {
  it("GIVEN missing or invalid values THEN every flow setting falls back to the one set of defaults", () => {
    expect(flowSettings(null)).toEqual({
      maxAgeDays: 7,
      attributionWindowDays: 5,
      reviewDelayDays: 7,
      reviewDelayDaysWithoutDelivery: 14,
    });
    expect(flowSettings({ maxAgeDays: "3", reviewDelayDays: -2 })).toMatchObject({ maxAgeDays: 3, reviewDelayDays: 7 });
  });
});
