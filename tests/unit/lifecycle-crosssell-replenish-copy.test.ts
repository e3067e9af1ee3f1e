// The default copy of the cross-sell and replenishment flows: every locale and channel renders
// with the sample context, names what the flow is about, and carries the marketing opt-out line.
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALES, FLOW_CHANNELS, stopLine, unsubscribeLine } from "../../app/flows/copy-blocks";
import { crossSellSteps } from "../../app/flows/lifecycle/copy/cross-sell";
import { replenishmentSteps } from "../../app/flows/lifecycle/copy/replenishment";
import { replenishment } from "../../app/lifecycle/replenishment.server";
import { sampleRecommendations } from "../../app/recommendations/template-use";
import { sampleTemplateContext, type TemplateContext } from "../../app/templates/context.server";
import { renderMessage } from "../../app/templates/render.server";

const shop = {
  domain: "threadline-demo.myshopify.com",
  name: "Threadline Demo",
  email: "hello@threadline.test",
  currency: "USD",
  primaryLocale: "en",
};
const url = "https://threadline-demo.myshopify.com";

function context(locale: string): TemplateContext {
  return {
    ...sampleTemplateContext(shop, { locale }),
    recommendations: sampleRecommendations(url),
    ...replenishment.sampleExtras!(url),
  };
}

async function rendered(steps: typeof crossSellSteps, position: number, locale: string, channel: string) {
  const template = steps[position].templates[locale as "en"][channel as "SMS"];
  const result = await renderMessage(template, context(locale));
  if (!result.ok) throw new Error(`${locale} ${channel}: ${JSON.stringify(result.error)}`);
  return result;
}

describe("cross-sell default copy", () => {
  it("has one step 3 days after delivery on email, SMS and WhatsApp", () => {
    expect(crossSellSteps.map((s) => [s.position, s.delayMinutes, s.channels])).toEqual([
      [0, 3 * 1440, ["EMAIL", "SMS", "WHATSAPP"]],
    ]);
  });

  it("renders the English SMS with the first recommendation and the STOP line", async () => {
    expect((await rendered(crossSellSteps, 0, "en", "SMS")).body).toBe(
      [
        "Hi Alex, hope you're enjoying your order from Threadline Demo! Goes well with it: " +
          `Cedar garment spray ${url}/products/cedar-garment-spray`,
        "Reply STOP to opt out",
      ].join("\n"),
    );
  });

  it.each(DEFAULT_LOCALES.flatMap((l) => FLOW_CHANNELS.map((c) => [l, c] as const)))(
    "renders %s %s with every recommendation's link and the opt-out line",
    async (locale, channel) => {
      const { subject, body } = await rendered(crossSellSteps, 0, locale, channel);
      const links = channel === "SMS" ? 1 : 3;
      for (const product of sampleRecommendations(url).slice(0, links)) expect(body).toContain(product.url);
      expect(body).not.toContain("{{");
      if (channel === "EMAIL") {
        expect(subject).toContain("Threadline Demo");
        expect(body).toContain(unsubscribeLine[locale].replace("{{ unsubscribe_url }}", `${url}/unsubscribe/sample`));
      } else {
        expect(body.endsWith(stopLine[locale])).toBe(true);
      }
      if (channel === "SMS") expect(body.length).toBeLessThanOrEqual(320);
    },
  );
});

describe("replenishment default copy", () => {
  it("has a reminder on the date and a nudge 5 days later", () => {
    expect(replenishmentSteps.map((s) => [s.position, s.delayMinutes])).toEqual([
      [0, 0],
      [1, 5 * 1440],
    ]);
  });

  it.each(DEFAULT_LOCALES.flatMap((l) => FLOW_CHANNELS.flatMap((c) => [0, 1].map((p) => [l, c, p] as const))))(
    "renders %s %s step %i with the product's name and link and the opt-out line",
    async (locale, channel, position) => {
      const { subject, body } = await rendered(replenishmentSteps, position, locale, channel);
      expect(body).toContain("Cedar garment spray");
      expect(body).toContain(`${url}/products/cedar-garment-spray`);
      expect(body).not.toContain("{{");
      if (channel === "EMAIL") {
        expect(subject).toContain("Cedar garment spray");
        expect(body).toMatch(/\$12\.50|12,50\s*\$US|12,50\s*US\$/);
        expect(body).toContain(unsubscribeLine[locale].replace("{{ unsubscribe_url }}", `${url}/unsubscribe/sample`));
      } else {
        expect(body.endsWith(stopLine[locale])).toBe(true);
      }
      if (channel === "SMS") expect(body.length).toBeLessThanOrEqual(320);
    },
  );
});
