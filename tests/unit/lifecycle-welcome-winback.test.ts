// The welcome series' and win-back's pure parts: trigger keys, stop reasons, and the default copy
// (every step, locale and channel renders, with and without recommendations, and carries the
// marketing opt-out line).
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALES, FLOW_CHANNELS } from "../../app/flows/copy-blocks";
import { welcomeSeriesSteps } from "../../app/flows/lifecycle/copy/welcome-series";
import { winBackSteps } from "../../app/flows/lifecycle/copy/win-back";
import { welcomeStopReason, welcomeTriggerKey } from "../../app/lifecycle/welcome-series.server";
import { winBackStopReason, winBackTriggerKey } from "../../app/lifecycle/win-back.server";
import { sampleRecommendations } from "../../app/recommendations/template-use";
import { sampleTemplateContext } from "../../app/templates/context.server";
import { renderMessage } from "../../app/templates/render.server";

const shop = {
  domain: "threadline-demo.myshopify.com",
  name: "Threadline Demo",
  email: "hello@threadline.test",
  currency: "USD",
  primaryLocale: "en",
};
const unsubscribe = "https://app.test/unsubscribe/tok";
const stop = {
  en: "Reply STOP to opt out",
  es: "Responde STOP para darte de baja",
  fr: "Répondez STOP pour vous désabonner",
};
const unsubscribeLine = {
  en: `Unsubscribe from these emails: ${unsubscribe}`,
  es: `Darte de baja de estos correos: ${unsubscribe}`,
  fr: `Se désabonner de ces e-mails : ${unsubscribe}`,
};

describe("trigger keys and stop reasons", () => {
  it("GIVEN a customer THEN the welcome key is once per customer", () => {
    expect(welcomeTriggerKey("cus_1")).toBe("welcome:cus_1");
  });

  it("GIVEN a last order date THEN the win-back key names its UTC day; none known → 'unknown'", () => {
    expect(winBackTriggerKey("cus_1", new Date("2026-08-31T23:30:00Z"))).toBe("win-back:cus_1:2026-08-31");
    expect(winBackTriggerKey("cus_1", null)).toBe("win-back:cus_1:unknown");
  });

  it("GIVEN an order or none THEN the reasons name it", () => {
    expect(welcomeStopReason(null)).toBeNull();
    expect(welcomeStopReason({ name: "#1001" })).toBe("ordered since subscribing: #1001");
    expect(welcomeStopReason({ name: null })).toBe("ordered since subscribing: an order");
    expect(winBackStopReason(null)).toBeNull();
    expect(winBackStopReason({ name: "#1002" })).toBe("came back: ordered #1002");
    expect(winBackStopReason({ name: null })).toBe("came back: ordered again");
  });
});

describe.each([
  { flow: "welcome series", steps: welcomeSeriesSteps, delays: [0, 2 * 1440, 5 * 1440] },
  { flow: "win-back", steps: winBackSteps, delays: [0, 7 * 1440] },
])("$flow default copy", ({ steps, delays }) => {
  it("GIVEN the defaults THEN the steps and their delays", () => {
    expect(steps.map((s) => [s.position, s.delayMinutes, s.channels])).toEqual(
      delays.map((d, i) => [i, d, ["EMAIL", "SMS", "WHATSAPP"]]),
    );
  });

  for (const recommendations of [[], sampleRecommendations("https://threadline-demo.myshopify.com")]) {
    it(`GIVEN ${recommendations.length} recommendations THEN every template renders, without stray blank lines, ending with its opt-out line`, async () => {
      for (const step of steps) {
        for (const locale of DEFAULT_LOCALES) {
          const context = {
            ...sampleTemplateContext(shop, { locale }),
            unsubscribe_url: unsubscribe,
            recommendations,
          };
          for (const channel of FLOW_CHANNELS) {
            const template = step.templates[locale][channel];
            const label = `#${step.position} ${locale} ${channel}`;
            const rendered = await renderMessage(template, context);
            if (!rendered.ok) throw new Error(`${label}: ${JSON.stringify(rendered.error)}`);
            expect(rendered.body, label).not.toMatch(/\n\n\n|{{|{%/);
            expect(rendered.body.endsWith(channel === "EMAIL" ? unsubscribeLine[locale] : stop[locale]), label).toBe(
              true,
            );
            expect(rendered.subject === null, label).toBe(channel !== "EMAIL");
            if (!template.body.includes("recommendations")) continue;
            // Email and WhatsApp list the picks; an SMS links the first.
            const shown = channel === "SMS" ? recommendations.slice(0, 1) : recommendations;
            for (const r of shown) expect(rendered.body, label).toContain(r.url);
          }
        }
      }
    });
  }
});
