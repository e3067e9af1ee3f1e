// The campaign editor's pure rules (app/campaigns/editor/, decision 0058): the checks across fields,
// what a save keeps, sendAt read in the shop's zone across DST, and the A/B winner rule.
import { describe, expect, it } from "vitest";
import { campaignDraftInput, crossFieldErrors, emptyDraft, normaliseDraft } from "../../app/campaigns/editor/draft";
import { instantFromShopTime, shopTimeOf } from "../../app/campaigns/editor/shop-time";
import { pickWinner } from "../../app/campaigns/results/results.server";

const variant = (key: string, weight: number) => ({
  key,
  weight,
  messages: { SMS: { body: `Hi from ${key}` }, EMAIL: { subject: `Subject ${key}`, body: `Body ${key}` } },
});

describe("campaign drafts", () => {
  it("GIVEN two variants without a winner metric and a WhatsApp channel without a template THEN each problem has its field", () => {
    const draft = campaignDraftInput.parse({
      ...emptyDraft(),
      name: "Sale",
      channels: ["WHATSAPP", "EMAIL"],
      content: {
        variants: [
          { ...variant("A", 50), messages: { ...variant("A", 50).messages, WHATSAPP: { body: "Hi" } } },
          variant("B", 50),
        ],
      },
    });
    expect(crossFieldErrors(draft)).toEqual({
      "content.variants.0.messages.WHATSAPP.whatsappContentSid":
        "Variant A: WhatsApp campaigns need an approved template (Content SID, HX…)",
      "content.variants.1.messages.WHATSAPP.body": "Variant B needs a WhatsApp message",
      winnerMetric: "Choose how the winning variant is picked: clicked, replied, orders or revenue",
    });
  });

  it("GIVEN messages for channels not chosen and a metric with one variant WHEN normalised THEN both are dropped", () => {
    const draft = campaignDraftInput.parse({
      ...emptyDraft(),
      name: "Sale",
      channels: ["EMAIL"],
      content: { variants: [variant("A", 100)] },
      winnerMetric: "orders",
    });
    const normal = normaliseDraft(draft);
    expect(normal.content.variants[0].messages).toEqual({ EMAIL: { subject: "Subject A", body: "Body A" } });
    expect(normal.winnerMetric).toBeNull();
  });

  it("GIVEN shares that do not add up THEN the schema refuses them on content", () => {
    const parsed = campaignDraftInput.safeParse({
      ...emptyDraft(),
      name: "Sale",
      content: { variants: [variant("A", 60), variant("B", 30)] },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["content"],
      message: "The variants' shares must add up to 100 %",
    });
  });
});

describe("send time in the shop's zone", () => {
  it("GIVEN New York THEN 10:00 is 15:00 UTC in winter and 14:00 UTC in summer, and reads back the same", () => {
    expect(instantFromShopTime("2027-01-15T10:00", "America/New_York")?.toISOString()).toBe("2027-01-15T15:00:00.000Z");
    expect(instantFromShopTime("2027-07-15T10:00", "America/New_York")?.toISOString()).toBe("2027-07-15T14:00:00.000Z");
    expect(shopTimeOf(new Date("2027-07-15T14:00:00.000Z"), "America/New_York")).toBe("2027-07-15T10:00");
    expect(instantFromShopTime("2027-02-30T25:00", "UTC")).toBeNull();
  });
});

describe("the A/B winner", () => {
  it("GIVEN rates per recipient THEN the highest wins, a tie or a single sender gives none", () => {
    expect(
      pickWinner(
        [
          { key: "A", sent: 10, metricRate: 0.2 },
          { key: "B", sent: 10, metricRate: 0.3 },
        ],
        "clicked",
        true,
      ),
    ).toEqual({ winner: { key: "B", rate: 0.3, final: true }, tie: false });
    expect(
      pickWinner(
        [
          { key: "A", sent: 10, metricRate: 0.3 },
          { key: "B", sent: 10, metricRate: 0.3 },
        ],
        "clicked",
        false,
      ),
    ).toEqual({ winner: null, tie: true });
    expect(
      pickWinner(
        [
          { key: "A", sent: 10, metricRate: 0.3 },
          { key: "B", sent: 0, metricRate: null },
        ],
        "orders",
        false,
      ),
    ).toEqual({ winner: null, tie: false });
    expect(pickWinner([{ key: "A", sent: 10, metricRate: 0.3 }], "orders", true)).toEqual({ winner: null, tie: false });
  });
});
