// Liquid rendering of message templates, the money filter, inline errors, the
// engine's limits, template choice by locale, and the settings/purpose helpers.
import { describe, expect, it } from "vitest";
import { defaultTemplate, parseFlowSettings } from "../../app/flows/defaults";
import { purposeOf } from "../../app/flows/flow-purpose";
import { shopMessagingSettings, withShopMessagingSettings } from "../../app/flows/shop-settings";
import { sampleTemplateContext, type TemplateContext } from "../../app/templates/context.server";
import { pickTemplate } from "../../app/templates/pick-template";
import { formatMoney, renderLiquid, renderMessage } from "../../app/templates/render.server";

const shop = {
  domain: "threadline-demo.myshopify.com",
  name: "Threadline Demo",
  email: "hello@threadline.test",
  currency: "USD",
  primaryLocale: "en",
};

/** Intl puts (narrow) no-break spaces in some locales; compare with plain spaces. */
const plain = (text: string) => text.replace(/\s/g, " ");

async function render(source: string, context: object = sampleTemplateContext(shop)) {
  const result = await renderLiquid(source, context);
  if (!result.ok) throw new Error(`unexpected error: ${JSON.stringify(result.error)}`);
  return result.output;
}

describe("renderLiquid", () => {
  it("renders every variable of the context", async () => {
    const context: TemplateContext = {
      ...sampleTemplateContext(shop),
      review_url: "https://threadline-demo.myshopify.com/products/linen-shirt#reviews",
      unsubscribe_url: "https://app.test/unsubscribe/tok",
    };
    const source = [
      "{{ shop.name }}|{{ shop.domain }}|{{ shop.url }}|{{ shop.email }}",
      "{{ customer.first_name }}|{{ customer.last_name }}|{{ customer.name }}|{{ customer.email }}|{{ customer.phone }}|{{ customer.locale }}",
      "{{ checkout.abandoned_checkout_url }}|{{ checkout.total_price }}|{{ checkout.currency }}|{{ checkout.item_count }}",
      "{% for item in checkout.line_items %}{{ item.title }}/{{ item.quantity }}/{{ item.price }}/{{ item.variant_title }};{% endfor %}",
      "{{ order.name }}|{{ order.order_status_url }}|{{ order.total_price }}|{{ order.currency }}|{{ order.line_items.size }}",
      "{{ fulfillment.tracking_company }}|{{ fulfillment.tracking_number }}|{{ fulfillment.tracking_url }}|{{ fulfillment.shipment_status }}",
      "{{ review_url }}|{{ unsubscribe_url }}",
    ].join("\n");
    expect((await render(source, context)).split("\n")).toEqual([
      "Threadline Demo|threadline-demo.myshopify.com|https://threadline-demo.myshopify.com|hello@threadline.test",
      "Alex|Rivera|Alex Rivera|alex.rivera@example.com|+14155550123|en",
      "https://threadline-demo.myshopify.com/checkouts/sample/recover|108.50|USD|3",
      "Linen shirt/2/45.00/M / Sand;Canvas tote/1/18.50/;",
      "#1001|https://threadline-demo.myshopify.com/orders/sample/authenticate|108.50|USD|2",
      "UPS|1Z999AA10123456784|https://www.ups.com/track?tracknum=1Z999AA10123456784|in_transit",
      "https://threadline-demo.myshopify.com/products/linen-shirt#reviews|https://app.test/unsubscribe/tok",
    ]);
  });

  it("keeps Shopify-style standard filters and renders missing values as blanks", async () => {
    const context = { customer: { first_name: null }, name: "ada", when: "2026-11-26T10:00:00Z" };
    expect(await render("Hi {{ customer.first_name | default: 'there' }}", context)).toBe("Hi there");
    expect(await render("{{ name | upcase }} {{ name | capitalize }} {{ name | size }}", context)).toBe("ADA Ada 3");
    expect(await render("{{ when | date: '%Y-%m-%d' }}", context)).toBe("2026-11-26");
    expect(await render("[{{ nothing.here }}]", context)).toBe("[]");
  });

  it("outputs plain text: markup in values is neither escaped nor interpreted", async () => {
    expect(await render("{{ v }}", { v: "<b>Tom & Jerry</b>" })).toBe("<b>Tom & Jerry</b>");
  });

  it("reads only own properties of the context", async () => {
    expect(await render("[{{ customer.constructor }}][{{ customer.__proto__ }}][{{ customer.toString }}]")).toBe(
      "[][][]",
    );
  });
});

describe("money filter", () => {
  it("formats major-unit amounts with the given currency", async () => {
    expect(await render("{{ '12.5' | money: 'USD' }}", {})).toBe("$12.50");
    expect(await render("{{ 1234.5 | money: 'GBP' }}", {})).toBe("£1,234.50");
  });

  it("defaults to the context's currency, then the shop's, and follows the context locale", async () => {
    expect(plain(await render("{{ amount | money }}", { amount: "9.99", currency: "EUR", locale: "fr" }))).toBe(
      "9,99 €",
    );
    expect(await render("{{ amount | money }}", { amount: "9.99", shop: { currency: "CAD" } })).toBe("CA$9.99");
    expect(await render("{{ amount | money }}", { amount: "9.99" })).toBe("$9.99");
  });

  it("uses a checkout's currency when the template passes it", async () => {
    const context = { checkout: { total_price: "20.00", currency: "JPY" }, currency: "USD" };
    expect(await render("{{ checkout.total_price | money: checkout.currency }}", context)).toBe("¥20");
  });

  it("passes non-numbers through and leaves blanks blank", async () => {
    expect(await render("[{{ 'n/a' | money }}][{{ missing | money }}]", {})).toBe("[n/a][]");
    expect(formatMoney({ toString: () => "3.10" }, "USD", "en")).toBe("$3.10");
    expect(formatMoney("5", "NOT-A-CURRENCY", "en")).toBe("5.00 NOT-A-CURRENCY");
  });
});

describe("template errors", () => {
  it("reports an unclosed output with its line and column", async () => {
    const result = await renderLiquid("Hello,\nHi {{ customer.first_name ", {});
    expect(result).toEqual({
      ok: false,
      error: { message: expect.stringContaining("not closed"), line: 2, column: 4 },
    });
  });

  it("reports an unknown filter with its position", async () => {
    const result = await renderLiquid("Line one\n  {{ customer.first_name | shout }}", {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe("undefined filter: shout");
    expect(result.error.line).toBe(2);
    expect(result.error.column).toBe(3);
  });

  it("reports an unclosed block", async () => {
    const result = await renderLiquid("{% if customer.first_name %}\nHi\n", {});
    expect(result).toMatchObject({ ok: false, error: { line: 1, column: 1 } });
  });

  it("never reads files: include, render and layout fail with a clear message", async () => {
    for (const source of ["{% include 'secrets' %}", "{% render '/etc/passwd' %}", "{% layout 'x' %}"]) {
      const result = await renderLiquid(source, {});
      expect(result, source).toMatchObject({
        ok: false,
        error: { message: "include, render and layout are not available in message templates" },
      });
    }
  });

  it("renderMessage names the field that failed", async () => {
    expect(await renderMessage({ subject: "{{ x | nope }}", body: "ok" }, {})).toMatchObject({
      ok: false,
      field: "subject",
      error: { message: "undefined filter: nope", line: 1 },
    });
    expect(await renderMessage({ subject: "fine", body: "{% if %}" }, {})).toMatchObject({ ok: false, field: "body" });
  });
});

describe("render limits", () => {
  it("stops a template that would run for ages", async () => {
    const started = Date.now();
    const result = await renderLiquid(
      "{% for i in (1..100000) %}{% for j in (1..100000) %}{% if i == j %}{% endif %}{% endfor %}{% endfor %}",
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/limit/) } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops a template that allocates without bound", async () => {
    const result = await renderLiquid(
      "{% assign s = 'aaaaaaaaaa' %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}",
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/limit/) } });
  });

  it("refuses oversized sources", async () => {
    const result = await renderLiquid("x".repeat(200_000), {});
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining("too long") } });
  });
});

describe("renderMessage", () => {
  it("renders subject and body, the subject on one line and the body tidied", async () => {
    const result = await renderMessage(
      {
        subject: "Order {{ order.name }}\n confirmed",
        body: "Hi {{ customer.first_name }},\n\n{% if false %}x{% endif %}\n\n\n\nThanks  \n",
      },
      sampleTemplateContext(shop),
    );
    expect(result).toEqual({ ok: true, subject: "Order #1001 confirmed", body: "Hi Alex,\n\nThanks" });
  });

  it("has a null subject for SMS and WhatsApp templates", async () => {
    expect(await renderMessage({ subject: null, body: "Hi" }, {})).toEqual({ ok: true, subject: null, body: "Hi" });
    expect(await renderMessage({ body: "Hi" }, {})).toEqual({ ok: true, subject: null, body: "Hi" });
  });
});

describe("pickTemplate", () => {
  const t = (channel: "SMS" | "EMAIL" | "WHATSAPP", locale: string) => ({
    channel,
    locale,
    id: `${channel}-${locale}`,
  });
  const templates = [
    t("SMS", "en"),
    t("SMS", "fr"),
    t("SMS", "es"),
    t("SMS", "pt-BR"),
    t("EMAIL", "en"),
    t("EMAIL", "de"),
  ];
  const pick = (channel: "SMS" | "EMAIL" | "WHATSAPP", customer: string | null | undefined, primary = "en") =>
    pickTemplate(templates, channel, customer, primary)?.id ?? null;

  it("prefers the customer's exact locale", () => {
    expect(pick("SMS", "fr")).toBe("SMS-fr");
    expect(pick("SMS", "pt-BR")).toBe("SMS-pt-BR");
    expect(pick("SMS", "pt_br")).toBe("SMS-pt-BR");
  });

  it("falls back to the language part, both ways", () => {
    expect(pick("SMS", "fr-CA")).toBe("SMS-fr");
    expect(pick("SMS", "es-MX")).toBe("SMS-es");
    expect(pick("SMS", "pt")).toBe("SMS-pt-BR");
  });

  it("then to the shop's primary language, then English", () => {
    expect(pick("EMAIL", "fr", "de")).toBe("EMAIL-de");
    expect(pick("EMAIL", "fr-CA", "de-AT")).toBe("EMAIL-de");
    expect(pick("EMAIL", "it", "ja")).toBe("EMAIL-en");
    expect(pick("SMS", null, "es")).toBe("SMS-es");
    expect(pick("SMS", undefined, "nl")).toBe("SMS-en");
  });

  it("returns null when the channel has no template in any fallback language", () => {
    expect(pick("WHATSAPP", "en")).toBeNull();
    expect(pickTemplate([t("EMAIL", "de")], "EMAIL", "fr", "it")).toBeNull();
  });
});

describe("shopMessagingSettings", () => {
  it("defaults to 08:00–21:00 and one marketing message per 24 hours", () => {
    expect(shopMessagingSettings({})).toEqual({
      quietHours: { start: "08:00", end: "21:00" },
      frequencyCap: { maxPerWindow: 1, windowHours: 24 },
    });
    expect(shopMessagingSettings(null)).toEqual(shopMessagingSettings({}));
  });

  it("keeps valid values and replaces invalid ones field by field", () => {
    expect(
      shopMessagingSettings({
        widget: { color: "red" },
        quietHours: { start: "09:30", end: "25:00" },
        frequencyCap: { maxPerWindow: 3, windowHours: "abc" },
      }),
    ).toEqual({ quietHours: { start: "09:30", end: "21:00" }, frequencyCap: { maxPerWindow: 3, windowHours: 24 } });
  });

  it("writes new settings without losing other keys, and rejects invalid input", () => {
    const next = { quietHours: { start: "07:00", end: "20:00" }, frequencyCap: { maxPerWindow: 2, windowHours: 48 } };
    expect(withShopMessagingSettings({ widget: { on: true } }, next)).toEqual({ widget: { on: true }, ...next });
    expect(() => withShopMessagingSettings({}, { ...next, quietHours: { start: "7am", end: "20:00" } })).toThrow();
  });
});

describe("flow purposes and defaults", () => {
  it("cart recovery and review requests are marketing; order and shipping messages are transactional", () => {
    expect(purposeOf("CART_RECOVERY")).toBe("MARKETING");
    expect(purposeOf("REVIEW_REQUEST")).toBe("MARKETING");
    expect(purposeOf("ORDER_CONFIRMATION")).toBe("TRANSACTIONAL");
    expect(purposeOf("SHIPPING_UPDATE")).toBe("TRANSACTIONAL");
  });

  it("parses flow settings with defaults", () => {
    expect(parseFlowSettings("CART_RECOVERY", {})).toEqual({ maxAgeDays: 7, attributionWindowDays: 5 });
    expect(parseFlowSettings("CART_RECOVERY", { maxAgeDays: 3, attributionWindowDays: -1 })).toEqual({
      maxAgeDays: 3,
      attributionWindowDays: 5,
    });
    expect(parseFlowSettings("REVIEW_REQUEST", null)).toEqual({
      reviewDelayDays: 7,
      reviewDelayDaysWithoutDelivery: 14,
    });
  });

  it("finds default copy for any step, channel and locale", () => {
    expect(defaultTemplate("CART_RECOVERY", 0, "SMS", "fr-CA")?.body).toContain("Répondez STOP");
    expect(defaultTemplate("CART_RECOVERY", 5, "EMAIL", "en")).toEqual(
      defaultTemplate("CART_RECOVERY", 1, "EMAIL", "en"),
    );
    expect(defaultTemplate("ORDER_CONFIRMATION", 0, "EMAIL", "ja")).toEqual(
      defaultTemplate("ORDER_CONFIRMATION", 0, "EMAIL", "en"),
    );
    expect(defaultTemplate("ORDER_CONFIRMATION", 0, "INSTAGRAM", "en")).toBeNull();
  });
});
