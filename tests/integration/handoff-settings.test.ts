// The hand-off rules card's route (POST /app/answers/handoff): the merchant's own topics, VIP
// customers by lifetime spend or tag and the confidence threshold, saved into Shop.settings.answers
// beside the shop's other settings, then obeyed by decideAnswer; a bad value is refused (400, the
// field named) with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { decideAnswer } from "../../app/knowledge/decide-answer.server";
import { handoffCardData } from "../../app/knowledge/save-answer-settings.server";
import { createShop } from "../support/factories";
import { postToAdminRoute, signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";

const save = (fields: Record<string, string>) =>
  postToAdminRoute(() => import("../../app/routes/app.answers.handoff"), "/app/answers/handoff", fields);

let shopId: string;

beforeAll(async () => {
  await signInDemoAdmin();
  shopId = (await createShop()).id;
  await db().shop.update({
    where: { id: shopId },
    data: { settings: { quietHours: { start: "09:00", end: "20:00" } } },
  });
});

afterAll(signOutDemoAdmin);

describe("hand-off rules", () => {
  it("GIVEN a shop that never saved them THEN no topics, no VIP rule and the calibrated threshold", async () => {
    const data = await handoffCardData(shopId);
    expect(data.settings).toMatchObject({ handoffTopics: [], vipTags: [], confidenceThreshold: data.defaultThreshold });
    expect(data.settings.vipLifetimeValue).toBeUndefined();
  });

  it("GIVEN the card's form WHEN saved THEN topics and tags are listed once, the spend and threshold stored, other settings kept", async () => {
    const res = await save({
      handoffTopics: "wholesale\n Custom order , WHOLESALE\n\n",
      vipTags: "VIP, press",
      vipLifetimeValue: "1500",
      confidencePercent: "85",
    });
    expect(res.status).toBe(200);
    const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(shop.settings).toEqual({
      quietHours: { start: "09:00", end: "20:00" },
      answers: {
        handoffTopics: ["wholesale", "Custom order"],
        vipTags: ["VIP", "press"],
        vipLifetimeValue: 1500,
        confidenceThreshold: 0.85,
      },
    });
  });

  it("GIVEN a saved topic and VIP spend WHEN customers write THEN decideAnswer hands those off for the merchant's reasons", async () => {
    const topic = await decideAnswer({ shopId, text: "Do you offer wholesale prices for shops?" });
    expect(topic).toMatchObject({ kind: "handoff", reason: "merchant_topic", explanation: "mentions “wholesale”" });

    const big = await db().customer.create({ data: { shopId, email: "big@example.com", totalSpent: "2000.00" } });
    const vip = await decideAnswer({ shopId, text: "How long does shipping take?", customerId: big.id });
    expect(vip).toMatchObject({ kind: "handoff", reason: "vip_customer" });
  });

  it.each([
    [{ confidencePercent: "30" }, "Confidence: must be between 50 and 99 %"],
    [{ confidencePercent: "abc" }, "Confidence: must be a number"],
    [{ vipLifetimeValue: "-5" }, "VIP lifetime spend: must be more than 0"],
    [{ handoffTopics: "x".repeat(101) }, "Topics: each topic is at most 100 characters"],
  ])("GIVEN %j WHEN saved THEN 400 naming the field and nothing written", async (bad, error) => {
    const before = (await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings;
    const res = await save({ handoffTopics: "", vipTags: "", vipLifetimeValue: "", confidencePercent: "", ...bad });
    expect(res).toEqual({ status: 400, body: { ok: false, error } });
    expect((await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings).toEqual(before);
  });

  it("GIVEN everything emptied WHEN saved THEN the rules are cleared and the threshold is the default again", async () => {
    const res = await save({ handoffTopics: "", vipTags: "", vipLifetimeValue: "", confidencePercent: "" });
    expect(res.status).toBe(200);
    const data = await handoffCardData(shopId);
    expect(data.settings).toEqual({ handoffTopics: [], vipTags: [], confidenceThreshold: data.defaultThreshold });
  });
});
