// {{2}} of an approved WhatsApp template is the one link the message is about.
import { describe, expect, it } from "vitest";
import { whatsappVariables } from "../../app/flow-runs/run-flow-step.server";
import { sampleTemplateContext, type TemplateContext } from "../../app/templates/context.server";

const shop = { domain: "demo.myshopify.com", name: "Demo", email: null, currency: "USD", primaryLocale: "en" };

function context(parts: Partial<TemplateContext>): TemplateContext {
  const sample = sampleTemplateContext(shop);
  return {
    ...sample,
    checkout: null,
    order: null,
    fulfillment: null,
    review_url: null,
    discount: undefined,
    product: undefined,
    ...parts,
  };
}

describe("whatsappVariables", () => {
  const sample = sampleTemplateContext(shop);

  it("GIVEN a location promotion's code THEN {{2}} is the link that applies it", () => {
    expect(whatsappVariables(context({ discount: sample.discount, order: sample.order }))).toEqual({
      "1": "Alex",
      "2": "https://demo.myshopify.com/discount/SAMPLE-7Q2K9",
    });
  });

  it("GIVEN a product reminder THEN {{2}} is the product's page", () => {
    expect(whatsappVariables(context({ product: sample.product }))["2"]).toBe(
      "https://demo.myshopify.com/products/linen-shirt",
    );
  });

  it("GIVEN a cart recovery THEN {{2}} is the recovery link; with nothing THEN the shop", () => {
    expect(whatsappVariables(context({ checkout: sample.checkout }))["2"]).toBe(
      sample.checkout?.abandoned_checkout_url,
    );
    expect(whatsappVariables(context({}))["2"]).toBe(sample.shop.url);
  });
});
