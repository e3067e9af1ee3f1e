// Browse abandonment's pure parts: the sweep's windows, trigger keys and run context, which stop
// reason wins, reading a run's context back, and the default copy (every step, channel and locale
// names the product and its link and ends with the opt-out line).
import { describe, expect, it } from "vitest";
import { browseAbandonmentSteps } from "../../app/flows/lifecycle/copy/browse-abandonment";
import { LIFECYCLE_DEFAULTS } from "../../app/flows/lifecycle/defaults";
import { lifecycleSettingsSchemas } from "../../app/flows/lifecycle/settings";
import {
  browseRunContext,
  browseStopReason,
  browseTriggerKey,
  browseWindow,
  viewedAtOf,
  viewedProductIdsOf,
  type BrowseStopFacts,
} from "../../app/lifecycle/browse-rules";
import { sampleRecommendations } from "../../app/recommendations/template-use";
import { sampleTemplateContext } from "../../app/templates/context.server";
import { renderMessage } from "../../app/templates/render.server";

const NOW = new Date("2026-12-04T12:00:00.000Z");

describe("browse abandonment rules", () => {
  it("GIVEN the default settings THEN views of the last 24 hours count, the latest must be 30 minutes old, and reminders sent in the last 7 days block", () => {
    const settings = lifecycleSettingsSchemas.BROWSE_ABANDONMENT.parse(LIFECYCLE_DEFAULTS.BROWSE_ABANDONMENT.settings);
    expect(settings).toEqual({ browseLookbackHours: 24, browseCooldownDays: 7 });
    expect(browseWindow(settings, NOW)).toEqual({
      viewedSince: new Date("2026-12-03T12:00:00.000Z"),
      viewedBefore: new Date("2026-12-04T11:30:00.000Z"),
      cooldownSince: new Date("2026-11-27T12:00:00.000Z"),
    });
  });

  it("GIVEN bad settings THEN each falls back to its default; a cooldown of 0 blocks nothing before now", () => {
    const settings = lifecycleSettingsSchemas.BROWSE_ABANDONMENT.parse({
      browseLookbackHours: 0,
      browseCooldownDays: 0,
    });
    expect(settings).toEqual({ browseLookbackHours: 24, browseCooldownDays: 0 });
    expect(browseWindow(settings, NOW).cooldownSince).toEqual(NOW);
  });

  it("GIVEN a candidate THEN the trigger key names the customer and the view, and the context keeps the view time and three products", () => {
    expect(browseTriggerKey("cus_1", "ev_9")).toBe("browse:cus_1:ev_9");
    expect(browseRunContext(new Date("2026-12-04T09:15:00.000Z"), ["7001", "7002", "7003", "7004"])).toEqual({
      viewedAt: "2026-12-04T09:15:00.000Z",
      viewedProductIds: ["7001", "7002", "7003"],
    });
  });

  it("GIVEN several stop facts THEN an order wins, then a cart, then a cart recovery, then a reply; none → null", () => {
    const none: BrowseStopFacts = {
      ordered: false,
      orderName: null,
      carted: false,
      cartRecoveryActive: false,
      replied: false,
    };
    expect(browseStopReason(none)).toBeNull();
    const all = { ordered: true, orderName: "#1042", carted: true, cartRecoveryActive: true, replied: true };
    expect(browseStopReason(all)).toBe("the customer ordered (#1042) after browsing");
    expect(browseStopReason({ ...all, orderName: null })).toBe("the customer ordered after browsing");
    expect(browseStopReason({ ...all, ordered: false })).toBe("the customer added to cart after browsing");
    expect(browseStopReason({ ...none, cartRecoveryActive: true, replied: true })).toBe(
      "a cart recovery is under way for the customer",
    );
    expect(browseStopReason({ ...none, replied: true })).toBe("the customer wrote to the shop after browsing");
  });

  it("GIVEN a run's context THEN the view time (else the run's start) and only well-formed product ids are read back", () => {
    const started = new Date("2026-12-04T10:00:00.000Z");
    expect(viewedAtOf({ viewedAt: "2026-12-04T09:15:00.000Z" }, started)).toEqual(new Date("2026-12-04T09:15:00.000Z"));
    expect(viewedAtOf({ viewedAt: "not a date" }, started)).toEqual(started);
    expect(viewedAtOf({}, started)).toEqual(started);
    expect(viewedProductIdsOf({ viewedProductIds: ["7001", "gid://shopify/Product/2", "", "7003"] })).toEqual([
      7001n,
      7003n,
    ]);
    expect(viewedProductIdsOf({})).toEqual([]);
  });
});

describe("browse abandonment default copy", () => {
  const shop = {
    domain: "threadline-demo.myshopify.com",
    name: "Threadline Demo",
    email: "hello@threadline.test",
    currency: "USD",
    primaryLocale: "en",
  };
  const product = {
    title: "Merino crew sweater",
    url: "https://threadline-demo.myshopify.com/products/merino-crew",
    image: null,
    price: "89.00",
    product_id: "7001",
  };
  const stop = {
    en: "Reply STOP to opt out",
    es: "Responde STOP para darte de baja",
    fr: "Répondez STOP pour vous désabonner",
  };
  const unsubscribeUrl = "https://app.threadline.test/unsubscribe/tok123";

  it("GIVEN two steps THEN they go 2 hours and 1 day after the last view, on email, SMS and WhatsApp", () => {
    expect(browseAbandonmentSteps.map((s) => [s.position, s.delayMinutes, s.channels])).toEqual([
      [0, 120, ["EMAIL", "SMS", "WHATSAPP"]],
      [1, 1440, ["EMAIL", "SMS", "WHATSAPP"]],
    ]);
  });

  it("GIVEN every step, channel and locale THEN the message names the product and its link, leaves no Liquid, and ends with the opt-out line", async () => {
    const context = { ...sampleTemplateContext(shop), unsubscribe_url: unsubscribeUrl, product };
    let rendered = 0;
    for (const step of browseAbandonmentSteps) {
      for (const [locale, templates] of Object.entries(step.templates)) {
        for (const [channel, template] of Object.entries(templates)) {
          const where = `#${step.position} ${channel} ${locale}`;
          const result = await renderMessage(template, context);
          if (!result.ok) throw new Error(`${where}: ${JSON.stringify(result.error)}`);
          rendered++;
          expect(result.body, where).toContain(product.title);
          expect(result.body, where).toContain(product.url);
          expect(result.body, where).not.toMatch(/\{\{|\{%|%\}|\}\}/);
          if (channel === "EMAIL") {
            expect(result.subject, where).toContain(product.title);
            expect(result.body.split("\n").at(-1), where).toContain(unsubscribeUrl);
          } else {
            expect(result.body.endsWith(stop[locale as keyof typeof stop]), where).toBe(true);
          }
          if (channel === "SMS") expect(result.body.length, where).toBeLessThanOrEqual(320);
        }
      }
    }
    expect(rendered).toBe(2 * 3 * 3);
  });

  it("GIVEN recommendations THEN the second email lists them after the product (not the product again); without any it has no empty heading", async () => {
    const picks = sampleRecommendations(`https://${shop.domain}`);
    const base = { ...sampleTemplateContext(shop), unsubscribe_url: unsubscribeUrl, product, recommendations: picks };
    const email = browseAbandonmentSteps[1].templates.en.EMAIL;
    const withPicks = await renderMessage(email, base);
    if (!withPicks.ok) throw new Error(JSON.stringify(withPicks.error));
    expect(withPicks.body).toContain("You might also like:");
    for (const p of picks) expect(withPicks.body).toContain(p.url);

    const same = await renderMessage(email, {
      ...base,
      recommendations: [...picks, { ...product, reason: "recently_viewed" as const }],
    });
    if (!same.ok) throw new Error(JSON.stringify(same.error));
    expect(same.body.split(product.url)).toHaveLength(2); // the product once, not again among the picks

    const without = await renderMessage(email, { ...base, recommendations: [] });
    if (!without.ok) throw new Error(JSON.stringify(without.error));
    expect(without.body).not.toContain("You might also like");
    expect(without.body).toContain(product.url);
  });
});
