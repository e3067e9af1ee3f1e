// ensureDefaultFlows: idempotent and race-safe, and every default template renders
// cleanly against a context built from real rows.
import { beforeEach, describe, expect, it } from "vitest";
import type { LineItemInput } from "../../app/commerce/types";
import type { FlowKind } from "../../app/generated/prisma/enums";
import { db } from "../../app/db/client.server";
import { DEFAULT_LOCALES, FLOW_DEFAULTS, FLOW_KINDS } from "../../app/flows/defaults";
import { ensureDefaultFlows } from "../../app/flows/ensure-default-flows.server";
import { purposeOf } from "../../app/flows/flow-purpose";
import { isLifecycleKind, LIFECYCLE_KINDS } from "../../app/flows/lifecycle/kinds";
import {
  buildTemplateContext,
  type TemplateContext,
  type TemplateDiscount,
  type TemplateProduct,
} from "../../app/templates/context.server";
import { renderMessage } from "../../app/templates/render.server";
import { createShop } from "../support/factories";

let shopId: string;

beforeEach(async () => {
  await db().shop.deleteMany();
  shopId = (await createShop()).id;
});

/** The order and cart flows: their step and template counts are pinned here; the lifecycle flows' come from their defaults. */
const ORDER_AND_CART_KINDS = ["CART_RECOVERY", "ORDER_CONFIRMATION", "SHIPPING_UPDATE", "REVIEW_REQUEST"] as const;
const ORDER_AND_CART_STEPS = 5;
const ORDER_AND_CART_TEMPLATES = 5 * 3 * 3;
const LIFECYCLE_STEPS = LIFECYCLE_KINDS.reduce((n, kind) => n + FLOW_DEFAULTS[kind].steps.length, 0);
const LIFECYCLE_TEMPLATES = LIFECYCLE_KINDS.reduce(
  (n, kind) => n + FLOW_DEFAULTS[kind].steps.reduce((m, step) => m + step.channels.length * DEFAULT_LOCALES.length, 0),
  0,
);
const ALL_STEPS = ORDER_AND_CART_STEPS + LIFECYCLE_STEPS;
const ALL_TEMPLATES = ORDER_AND_CART_TEMPLATES + LIFECYCLE_TEMPLATES;

async function flowsOf(id: string) {
  return db().flow.findMany({
    where: { shopId: id },
    include: { steps: { orderBy: { position: "asc" }, include: { templates: true } } },
    orderBy: { kind: "asc" },
  });
}

describe("ensureDefaultFlows", () => {
  it("GIVEN concurrent calls THEN exactly ten disabled flows with their default steps and templates", async () => {
    await Promise.all([ensureDefaultFlows(shopId), ensureDefaultFlows(shopId), ensureDefaultFlows(shopId)]);

    const flows = await flowsOf(shopId);
    expect(flows.map((f) => f.kind).sort()).toEqual([
      "BROWSE_ABANDONMENT",
      "CART_RECOVERY",
      "CROSS_SELL",
      "LOCATION_PROMOTION",
      "ORDER_CONFIRMATION",
      "REPLENISHMENT",
      "REVIEW_REQUEST",
      "SHIPPING_UPDATE",
      "WELCOME_SERIES",
      "WIN_BACK",
    ]);
    expect([...FLOW_KINDS].sort()).toEqual(flows.map((f) => f.kind).sort());
    expect(Object.fromEntries(flows.map((f) => [f.kind, f.name]))).toEqual({
      CART_RECOVERY: "Cart recovery",
      ORDER_CONFIRMATION: "Order confirmation",
      SHIPPING_UPDATE: "Shipping updates",
      REVIEW_REQUEST: "Review request",
      WELCOME_SERIES: "Welcome series",
      BROWSE_ABANDONMENT: "Browse abandonment",
      CROSS_SELL: "Post-purchase cross-sell",
      REPLENISHMENT: "Replenishment reminder",
      WIN_BACK: "Win-back",
      LOCATION_PROMOTION: "Location promotion",
    });
    for (const flow of flows) {
      const defaults = FLOW_DEFAULTS[flow.kind];
      expect(flow.enabled, flow.kind).toBe(false);
      expect(flow.name).toBe(defaults.name);
      expect(flow.settings).toEqual(defaults.settings);
      expect(
        flow.steps.map((s) => ({ position: s.position, delayMinutes: s.delayMinutes, channels: s.channels })),
      ).toEqual(
        defaults.steps.map((s) => ({ position: s.position, delayMinutes: s.delayMinutes, channels: s.channels })),
      );
      for (const step of flow.steps) {
        const keys = step.templates.map((t) => `${t.channel}:${t.locale}`).sort();
        const expected = step.channels.flatMap((c) => DEFAULT_LOCALES.map((l) => `${c}:${l}`)).sort();
        expect(keys, `${flow.kind} #${step.position}`).toEqual(expected);
        for (const template of step.templates) {
          expect(template.shopId).toBe(shopId);
          expect(template.subject === null, `${template.channel} subject`).toBe(template.channel !== "EMAIL");
        }
      }
    }
    expect(flows.find((f) => f.kind === "CART_RECOVERY")?.settings).toEqual({
      maxAgeDays: 7,
      attributionWindowDays: 5,
    });
    expect(flows.find((f) => f.kind === "REVIEW_REQUEST")?.settings).toEqual({
      reviewDelayDays: 7,
      reviewDelayDaysWithoutDelivery: 14,
    });
    expect(
      flows.find((f) => f.kind === "CART_RECOVERY")?.steps.map((s) => [s.position, s.delayMinutes, s.channels]),
    ).toEqual([
      [0, 60, ["SMS", "WHATSAPP", "EMAIL"]],
      [1, 1440, ["SMS", "WHATSAPP", "EMAIL"]],
    ]);
    expect(flows.find((f) => f.kind === "ORDER_CONFIRMATION")?.steps.map((s) => s.channels)).toEqual([
      ["EMAIL", "SMS", "WHATSAPP"],
    ]);
    for (const kind of LIFECYCLE_KINDS) {
      expect(flows.find((f) => f.kind === kind)?.steps.length, kind).toBeGreaterThan(0);
    }
    expect(
      await db().template.count({
        where: { shopId, stepDefinition: { flow: { kind: { in: [...ORDER_AND_CART_KINDS] } } } },
      }),
    ).toBe(ORDER_AND_CART_TEMPLATES);
    expect(await db().template.count({ where: { shopId } })).toBe(ALL_TEMPLATES);
  });

  it("GIVEN a merchant's edits THEN calling again keeps them and adds nothing twice", async () => {
    await ensureDefaultFlows(shopId);
    const cart = await db().flow.findUniqueOrThrow({
      where: { shopId_kind: { shopId, kind: "CART_RECOVERY" } },
      include: { steps: { include: { templates: true } } },
    });
    const first = cart.steps.find((s) => s.position === 0)!;
    const sms = first.templates.find((t) => t.channel === "SMS" && t.locale === "en")!;
    await db().flow.update({ where: { id: cart.id }, data: { enabled: true, settings: { maxAgeDays: 3 } } });
    await db().flowStepDefinition.update({ where: { id: first.id }, data: { delayMinutes: 30 } });
    await db().template.update({
      where: { id: sms.id },
      data: { body: "Custom {{ checkout.abandoned_checkout_url }}" },
    });

    await Promise.all([ensureDefaultFlows(shopId), ensureDefaultFlows(shopId)]);

    const after = await db().flow.findUniqueOrThrow({ where: { id: cart.id } });
    expect(after).toMatchObject({ enabled: true, settings: { maxAgeDays: 3 } });
    expect((await db().flowStepDefinition.findUniqueOrThrow({ where: { id: first.id } })).delayMinutes).toBe(30);
    expect((await db().template.findUniqueOrThrow({ where: { id: sms.id } })).body).toBe(
      "Custom {{ checkout.abandoned_checkout_url }}",
    );
    expect(await db().flow.count({ where: { shopId } })).toBe(10);
    expect(
      await db().flowStepDefinition.count({ where: { flow: { shopId, kind: { in: [...ORDER_AND_CART_KINDS] } } } }),
    ).toBe(ORDER_AND_CART_STEPS);
    expect(await db().flowStepDefinition.count({ where: { flow: { shopId } } })).toBe(ALL_STEPS);
    expect(await db().template.count({ where: { shopId } })).toBe(ALL_TEMPLATES);
  });

  it("GIVEN a step whose templates the merchant trimmed THEN they stay trimmed; a step with none gets the defaults", async () => {
    await ensureDefaultFlows(shopId);
    const steps = await db().flowStepDefinition.findMany({
      where: { flow: { shopId, kind: { in: ["ORDER_CONFIRMATION", "SHIPPING_UPDATE"] } } },
      include: { flow: true },
    });
    const order = steps.find((s) => s.flow.kind === "ORDER_CONFIRMATION")!;
    const shipping = steps.find((s) => s.flow.kind === "SHIPPING_UPDATE")!;
    await db().template.deleteMany({ where: { stepDefinitionId: order.id, NOT: { channel: "EMAIL", locale: "en" } } });
    await db().template.deleteMany({ where: { stepDefinitionId: shipping.id } });
    await db().flowStepDefinition.update({ where: { id: shipping.id }, data: { channels: ["SMS"] } });

    await Promise.all([ensureDefaultFlows(shopId), ensureDefaultFlows(shopId)]);

    const orderTemplates = await db().template.findMany({ where: { stepDefinitionId: order.id } });
    expect(orderTemplates.map((t) => `${t.channel}:${t.locale}`)).toEqual(["EMAIL:en"]);
    const shippingTemplates = await db().template.findMany({ where: { stepDefinitionId: shipping.id } });
    expect(shippingTemplates.map((t) => `${t.channel}:${t.locale}`).sort()).toEqual(["SMS:en", "SMS:es", "SMS:fr"]);
  });

  it("GIVEN two shops THEN each gets its own flows", async () => {
    const other = (await createShop({ domain: "other-shop.myshopify.com" })).id;
    await Promise.all([ensureDefaultFlows(shopId), ensureDefaultFlows(other)]);
    expect(await db().flow.count({ where: { shopId } })).toBe(10);
    expect(await db().flow.count({ where: { shopId: other } })).toBe(10);
    expect(await db().template.count({ where: { shopId: other } })).toBe(ALL_TEMPLATES);
  });
});

describe("default copy", () => {
  const lineItems: LineItemInput[] = [
    { title: "Merino crew sweater", quantity: 1, price: "89.00", productId: "7001", variantId: "4001" },
    { title: "Wool socks", quantity: 2, price: "12.50", productId: "7002", variantId: "4002" },
  ];
  const unsubscribeUrl = "https://app.threadline.test/unsubscribe/tok123";

  // What the engine adds for a lifecycle step (templateExtras): the recipient's code and the product in question.
  const extras: { discount: TemplateDiscount; product: TemplateProduct } = {
    discount: {
      code: "WELCOME-7Q2K9",
      percent: 10,
      ends_at: "2026-12-31T00:00:00.000Z",
      url: "https://threadline-demo.myshopify.com/discount/WELCOME-7Q2K9",
    },
    product: {
      title: "Merino crew sweater",
      url: "https://threadline-demo.myshopify.com/products/merino-crew",
      image: null,
      price: "89.00",
      product_id: "7001",
    },
  };
  const forKind = (kind: FlowKind, context: TemplateContext): TemplateContext =>
    isLifecycleKind(kind) ? { ...context, ...extras } : context;

  async function contexts(): Promise<Array<{ label: string; context: TemplateContext }>> {
    const customer = await db().customer.create({
      data: { shopId, firstName: "Jordan", lastName: "Lee", email: "jordan@example.com", phone: "+14155550123" },
    });
    const checkout = await db().checkout.create({
      data: {
        shopId,
        token: "chk-1",
        customerId: customer.id,
        currency: "USD",
        totalPrice: "114.00",
        abandonedCheckoutUrl: "https://threadline-demo.myshopify.com/checkouts/chk-1/recover?key=abc",
        lineItems: lineItems as object[],
      },
    });
    const order = await db().order.create({
      data: {
        shopId,
        shopifyOrderId: 8001n,
        customerId: customer.id,
        name: "#1001",
        currency: "USD",
        totalPrice: "114.00",
        orderStatusUrl: "https://threadline-demo.myshopify.com/orders/abc/authenticate?key=k",
        lineItems: lineItems as object[],
      },
    });
    const list: Array<{ label: string; context: TemplateContext }> = [];
    const base = { shopId, customerId: customer.id, unsubscribeUrl };
    list.push({ label: "checkout", context: await buildTemplateContext({ ...base, checkoutId: checkout.id }) });
    list.push({ label: "order", context: await buildTemplateContext({ ...base, orderId: order.id }) });
    for (const [i, status] of [
      null,
      "label_printed",
      "in_transit",
      "out_for_delivery",
      "delivered",
      "failure",
    ].entries()) {
      const fulfillment = await db().fulfillment.create({
        data: {
          shopId,
          shopifyFulfillmentId: BigInt(9000 + i),
          shopifyOrderId: 8001n,
          shipmentStatus: status,
          trackingCompany: "UPS",
          trackingNumber: "1Z999AA10123456784",
          trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
          lineItems: lineItems as object[],
        },
      });
      list.push({
        label: `fulfillment ${status}`,
        context: await buildTemplateContext({ ...base, orderId: order.id, fulfillmentId: fulfillment.id }),
      });
    }
    // A guest without a name, and a fulfillment that came before its order with no tracking.
    const guest = await db().customer.create({ data: { shopId, email: "guest@example.com" } });
    const early = await db().fulfillment.create({
      data: { shopId, shopifyFulfillmentId: 9100n, shopifyOrderId: 8999n },
    });
    list.push({
      label: "bare guest",
      context: await buildTemplateContext({ shopId, customerId: guest.id, fulfillmentId: early.id, unsubscribeUrl }),
    });
    return list;
  }

  it("every default template renders without error, with no Liquid left over", async () => {
    await ensureDefaultFlows(shopId);
    const [flows, all] = await Promise.all([flowsOf(shopId), contexts()]);
    let rendered = 0;
    for (const flow of flows) {
      for (const step of flow.steps) {
        for (const template of step.templates) {
          for (const { label, context } of all) {
            const where = `${flow.kind} #${step.position} ${template.channel} ${template.locale} / ${label}`;
            const result = await renderMessage(template, forKind(flow.kind, context));
            expect(result, where).toMatchObject({ ok: true });
            if (!result.ok) continue;
            rendered += 1;
            expect(result.body, where).not.toMatch(/\{\{|\{%|%\}|\}\}/);
            expect(result.body.length, where).toBeGreaterThan(20);
            if (template.channel === "EMAIL") expect(result.subject?.length, where).toBeGreaterThan(5);
            if (template.channel === "SMS") expect(result.body.length, where).toBeLessThanOrEqual(320);
          }
        }
      }
    }
    expect(rendered).toBe(ALL_TEMPLATES * all.length);
  });

  it("marketing messages carry the opt-out line; transactional ones do not", async () => {
    await ensureDefaultFlows(shopId);
    const [flows, all] = await Promise.all([flowsOf(shopId), contexts()]);
    const context = all.find((c) => c.label === "fulfillment delivered")!.context;
    const checkoutContext = all.find((c) => c.label === "checkout")!.context;
    const stop = {
      en: "Reply STOP to opt out",
      es: "Responde STOP para darte de baja",
      fr: "Répondez STOP pour vous désabonner",
    };
    for (const flow of flows) {
      const marketing = purposeOf(flow.kind) === "MARKETING";
      for (const step of flow.steps) {
        for (const template of step.templates) {
          const where = `${flow.kind} #${step.position} ${template.channel} ${template.locale}`;
          const result = await renderMessage(
            template,
            flow.kind === "CART_RECOVERY" ? checkoutContext : forKind(flow.kind, context),
          );
          if (!result.ok) throw new Error(`${where}: ${JSON.stringify(result.error)}`);
          const locale = template.locale as keyof typeof stop;
          if (template.channel === "EMAIL") {
            if (marketing) expect(result.body.split("\n").at(-1), where).toContain(unsubscribeUrl);
            else expect(result.body, where).not.toContain(unsubscribeUrl);
          } else if (marketing) {
            expect(result.body.endsWith(stop[locale]), where).toBe(true);
          } else {
            expect(result.body, where).not.toContain("STOP");
          }
        }
      }
    }
  });

  it("cart recovery, shipping and review copy use the right variables", async () => {
    await ensureDefaultFlows(shopId);
    const [flows, all] = await Promise.all([flowsOf(shopId), contexts()]);
    const en = (kind: string, channel: string, position = 0) =>
      flows
        .find((f) => f.kind === kind)!
        .steps.find((s) => s.position === position)!
        .templates.find((t) => t.channel === channel && t.locale === "en")!;
    const ctx = (label: string) => all.find((c) => c.label === label)!.context;

    expect(await renderMessage(en("CART_RECOVERY", "SMS"), ctx("checkout"))).toEqual({
      ok: true,
      subject: null,
      body:
        "Hi Jordan, you left 3 items in your cart at Threadline Demo: " +
        "https://threadline-demo.myshopify.com/checkouts/chk-1/recover?key=abc\nReply STOP to opt out",
    });

    const shipping = async (label: string) =>
      (await renderMessage(en("SHIPPING_UPDATE", "SMS"), ctx(label))) as { body: string };
    expect((await shipping("fulfillment null")).body).toContain("has shipped! Tracking (UPS): 1Z999AA10123456784.");
    expect((await shipping("fulfillment label_printed")).body).toContain("has shipped!");
    expect((await shipping("fulfillment in_transit")).body).toContain("is on its way");
    expect((await shipping("fulfillment out_for_delivery")).body).toContain("is out for delivery");
    expect((await shipping("fulfillment delivered")).body).toBe(
      "Your order #1001 from Threadline Demo has been delivered. Enjoy!",
    );
    expect((await shipping("fulfillment failure")).body).toContain("We couldn't deliver your order #1001");
    expect((await shipping("fulfillment in_transit")).body).toContain(
      "Track it: https://www.ups.com/track?tracknum=1Z999AA10123456784",
    );
    expect((await shipping("bare guest")).body).toBe("Your order from Threadline Demo has shipped!");

    const shippingEmail = await renderMessage(en("SHIPPING_UPDATE", "EMAIL"), ctx("fulfillment out_for_delivery"));
    expect(shippingEmail).toMatchObject({ ok: true, subject: "Your order #1001 is out for delivery" });

    const review = await renderMessage(en("REVIEW_REQUEST", "EMAIL"), ctx("fulfillment delivered"));
    expect(review).toMatchObject({ ok: true, subject: "How was your order from Threadline Demo?" });
    if (review.ok) {
      expect(review.body).toContain("Write a review: https://threadline-demo.myshopify.com/products/7001#reviews");
      expect(review.body).toContain("- Merino crew sweater\n- Wool socks");
    }

    const confirmation = await renderMessage(en("ORDER_CONFIRMATION", "EMAIL"), ctx("order"));
    expect(confirmation).toMatchObject({ ok: true, subject: "Order #1001 confirmed" });
    if (confirmation.ok) {
      expect(confirmation.body).toContain("- Wool socks × 2: $25.00");
      expect(confirmation.body).toContain("Total: $114.00");
    }
  });
});
