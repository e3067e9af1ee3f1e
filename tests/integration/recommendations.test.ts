// Recommendations from the shop's own orders (app/recommendations/, decision 0056) on a hand-built
// fixture: a coffee shop's catalogue, ~50 orders across customers and guests, one customer's
// product views, and a second shop holding the same Shopify product ids. Each reason's exact list,
// what is never recommended (out of stock, draft, deleted, just bought, another shop's sales,
// cancelled orders), replenishment timing, and the `recommendations` loop in a flow template.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { previewTemplate } from "../../app/admin-queries/flow-editor.server";
import { ensureDefaultFlows } from "../../app/flows/ensure-default-flows.server";
import {
  recommendationsFor,
  RecommendationInputError,
  replenishmentDue,
} from "../../app/recommendations/recommendations.server";
import { forgetShopSignals } from "../../app/recommendations/shop-signals.server";
import { mentionsRecommendations } from "../../app/recommendations/template-use";
import type { RecommendationReason } from "../../app/recommendations/types";
import { buildTemplateContext } from "../../app/templates/context.server";
import { renderMessage } from "../../app/templates/render.server";
import { createShop } from "../support/factories";

const DAY = 86_400_000;
let NOW: Date;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

let shopId: string;
let otherShopId: string;
const customers: Record<"ana" | "ben" | "cy" | "dee" | "zed", string> = { ana: "", ben: "", cy: "", dee: "", zed: "" };
const orders: Record<string, string> = {};
let nextOrderId = 5000n;

interface ProductSpec {
  id: number;
  title: string;
  collections?: string[];
  type?: string | null;
  status?: string;
  deleted?: boolean;
  image?: string | null;
  variants: Array<{ price: string; available?: boolean; image?: string | null }>;
}

const COFFEE = "gid://shopify/Collection/1";
const GEAR = "gid://shopify/Collection/2";
const TEA = "gid://shopify/Collection/3";

const CATALOGUE: ProductSpec[] = [
  {
    id: 101,
    title: "Espresso beans",
    collections: [COFFEE],
    type: "Coffee",
    variants: [{ price: "32.00" }, { price: "18.00" }],
  },
  { id: 102, title: "Milk frother", collections: [COFFEE, GEAR], type: "Gear", variants: [{ price: "45.00" }] },
  {
    id: 103,
    title: "Ceramic mug",
    collections: [GEAR],
    type: "Gear",
    image: "https://cdn.example/mug.jpg",
    variants: [{ price: "10.00", available: false }, { price: "12.50" }, { price: "14.00" }],
  },
  {
    id: 104,
    title: "Pour-over kettle",
    collections: [GEAR],
    type: "Gear",
    variants: [{ price: "39.00", available: false }],
  },
  { id: 105, title: "Paper filters", collections: [COFFEE], type: "Coffee", variants: [{ price: "6.00" }] },
  {
    id: 106,
    title: "Gift sleeve",
    collections: [COFFEE],
    type: "Coffee",
    status: "DRAFT",
    variants: [{ price: "3.00" }],
  },
  {
    id: 107,
    title: "Travel tumbler",
    collections: [GEAR],
    type: "Gear",
    deleted: true,
    variants: [{ price: "25.00" }],
  },
  { id: 108, title: "Decaf beans", collections: [], type: "Coffee", variants: [{ price: "16.00" }] },
  { id: 109, title: "Oat biscuits", collections: [], type: "Snacks", variants: [{ price: "4.00" }] },
  { id: 110, title: "Tea sampler", collections: [TEA], type: "Tea", variants: [{ price: "22.00" }] },
  {
    id: 111,
    title: "Cold brew bottle",
    collections: [GEAR],
    type: "Gear",
    image: null,
    variants: [{ price: "28.00", image: "https://cdn.example/bottle-blue.jpg" }],
  },
  { id: 112, title: "Chai concentrate", collections: [TEA], type: "Tea", variants: [{ price: "15.00" }] },
  { id: 113, title: "Burr grinder", collections: [COFFEE], type: "Coffee", variants: [{ price: "120.00" }] },
  { id: 114, title: "Coffee scale", collections: [COFFEE], type: "Coffee", variants: [{ price: "35.00" }] },
];

const handleOf = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, "-");

async function createCatalogue(forShop: string) {
  for (const p of CATALOGUE) {
    const product = await db().product.create({
      data: {
        shopId: forShop,
        shopifyProductId: BigInt(p.id),
        title: p.title,
        handle: handleOf(p.title),
        url: `https://coffee.example/products/${handleOf(p.title)}`,
        imageUrl: p.image === undefined ? `https://cdn.example/${p.id}.jpg` : p.image,
        status: p.status ?? "ACTIVE",
        productType: p.type ?? null,
        collectionIds: p.collections ?? [],
        deletedAt: p.deleted ? new Date() : null,
      },
    });
    await db().productVariant.createMany({
      data: p.variants.map((v, i) => ({
        shopId: forShop,
        productId: product.id,
        shopifyVariantId: BigInt(p.id * 10 + i),
        title: `Variant ${i}`,
        price: v.price,
        available: v.available ?? true,
        imageUrl: v.image ?? null,
      })),
    });
  }
}

async function order(
  forShop: string,
  customerId: string | null,
  ageDays: number,
  products: number[],
  options: { cancelled?: boolean; key?: string } = {},
) {
  const row = await db().order.create({
    data: {
      shopId: forShop,
      shopifyOrderId: nextOrderId++,
      customerId,
      name: `#${nextOrderId}`,
      totalPrice: "10.00",
      lineItems: products.map((id) => ({
        title: `Item ${id}`,
        quantity: 1,
        price: "10.00",
        productId: String(id),
        variantId: String(id * 10),
        sku: null,
        imageUrl: null,
      })),
      processedAt: daysAgo(ageDays),
      cancelledAt: options.cancelled ? daysAgo(ageDays - 0.1) : null,
    },
  });
  if (options.key) orders[options.key] = row.id;
  return row;
}

async function view(forShop: string, customerId: string, productId: number, ageDays: number, kind = "product_viewed") {
  await db().storefrontEvent.create({
    data: {
      shopId: forShop,
      eventId: `ev-${forShop}-${customerId}-${productId}-${ageDays}-${kind}`,
      kind,
      clientId: `client-${customerId}`,
      customerId,
      shopifyProductId: BigInt(productId),
      occurredAt: daysAgo(ageDays),
    },
  });
}

beforeAll(async () => {
  NOW = new Date();
  forgetShopSignals();
  await db().shop.deleteMany();
  shopId = (await createShop()).id;
  otherShopId = (await createShop({ domain: "other-roastery.myshopify.com" })).id;
  await createCatalogue(shopId);
  await createCatalogue(otherShopId);
  for (const name of Object.keys(customers) as Array<keyof typeof customers>) {
    customers[name] = (
      await db().customer.create({ data: { shopId, firstName: name[0].toUpperCase() + name.slice(1) } })
    ).id;
  }

  // Ana, the customer we recommend to: paper filters every 30 days, decaf twice, chai after viewing
  // it, a cancelled tea order, and espresso beans yesterday (her latest order).
  const { ana, ben, cy, dee } = customers;
  await order(shopId, ana, 65, [105], { key: "A1" });
  await order(shopId, ana, 45, [108], { key: "A2" });
  await order(shopId, ana, 35, [105], { key: "A3" });
  await order(shopId, ana, 15, [108], { key: "A4" });
  await order(shopId, ana, 3.5, [112], { key: "A4b" });
  await order(shopId, ana, 1.5, [110], { cancelled: true, key: "Acancelled" });
  await order(shopId, ana, 1, [101], { key: "A5" });
  // Paper filters' repeat intervals across the shop: Ben 30, 30, 30; Cy 28; Ana 30 → median 30 days.
  for (const age of [100, 70, 40, 10]) await order(shopId, ben, age, [105]);
  for (const age of [89, 61]) await order(shopId, cy, age, [105]);
  // Decaf: Ana 30 and Dee 30 → only 2 intervals, no typical interval.
  await order(shopId, dee, 60, [108], { key: "D1" });
  await order(shopId, dee, 30, [108], { key: "D2" });
  // Guests buying espresso beans with something else (recent enough to count as bestsellers).
  const together: Array<[number, number]> = [
    [102, 4],
    [103, 3],
    [104, 5], // out of stock
    [106, 6], // draft
    [107, 6], // deleted
    [111, 2],
    [105, 1],
  ];
  let age = 2;
  for (const [other, times] of together) {
    for (let i = 0; i < times; i++) await order(shopId, null, (age = (age % 80) + 2.3), [101, other]);
  }
  for (const a of [5, 20, 50]) await order(shopId, null, a, [113]);
  // Cancelled orders never count: oat biscuits "bought with" espresso three times, all cancelled.
  for (const a of [4, 6, 8]) await order(shopId, null, a, [101, 109], { cancelled: true });

  // Ana's product views.
  await view(shopId, ana, 101, 0.5); // after buying it yesterday: still just bought
  await view(shopId, ana, 104, 1); // out of stock
  await view(shopId, ana, 110, 3);
  await view(shopId, ana, 110, 2);
  await view(shopId, ana, 112, 4); // bought at 3.5 days: acted on
  await view(shopId, ana, 102, 5);
  await view(shopId, ana, 109, 40); // too long ago
  await view(shopId, ana, 103, 0.3, "product_added_to_cart"); // not a view
  await view(shopId, ben, 114, 0.1); // someone else's view

  // The other shop: same Shopify product ids, its own best sellers and pairs, and an event that
  // names Ana's id. None of it may leak into the first shop's recommendations.
  for (let i = 0; i < 10; i++) await order(otherShopId, null, 3 + i, [101, 109]);
  for (let i = 0; i < 10; i++) await order(otherShopId, null, 3 + i, [101, 114]);
  await view(otherShopId, ana, 111, 0.2);
});

async function ids(options: {
  orderKey?: string;
  reasons?: RecommendationReason[];
  limit?: number;
  customer?: string;
}) {
  const list = await recommendationsFor(shopId, {
    customerId: options.customer ?? customers.ana,
    orderId: options.orderKey ? orders[options.orderKey] : null,
    reasons: options.reasons,
    limit: options.limit ?? 10,
    now: NOW,
  });
  return list.map((r) => `${r.product_id} ${r.reason}`);
}

describe("each reason's list (Ana, after her espresso beans order)", () => {
  it("GIVEN espresso beans bought together with frother ×4, mug ×3, bottle ×2 THEN bought_together is exactly those, most often first; out-of-stock, draft, deleted, owned, cancelled and the other shop's pairs are left out", async () => {
    expect(await ids({ orderKey: "A5", reasons: ["bought_together"] })).toEqual([
      "102 bought_together",
      "103 bought_together",
      "111 bought_together",
    ]);
  });

  it("GIVEN the coffee collection's sales in the last 90 days THEN bestseller_in_collection ranks frother (4) before grinder (3); owned filters, the unsold scale and the other shop's sales are left out", async () => {
    expect(await ids({ orderKey: "A5", reasons: ["bestseller_in_collection"] })).toEqual([
      "102 bestseller_in_collection",
      "113 bestseller_in_collection",
    ]);
  });

  it("GIVEN a product in no collection THEN bestsellers fall back to its product type", async () => {
    // Dee's decaf (no collection, type Coffee): espresso 28 orders, filters 8, grinder 3.
    expect(await ids({ customer: customers.dee, orderKey: "D2", reasons: ["bestseller_in_collection"] })).toEqual([
      "101 bestseller_in_collection",
      "105 bestseller_in_collection",
      "113 bestseller_in_collection",
    ]);
  });

  it("GIVEN Ana's views THEN recently_viewed is newest first, without the just-bought beans, the out-of-stock kettle, the chai she bought since, views over 30 days old, cart events, or other shops' events", async () => {
    expect(await ids({ orderKey: "A5", reasons: ["recently_viewed"] })).toEqual([
      "110 recently_viewed",
      "102 recently_viewed",
    ]);
  });

  it("GIVEN filters rebought every 30 days (median of 5 intervals) and Ana's last 35 days ago THEN replenishment proposes them; decaf (2 intervals) is not typical", async () => {
    expect(await ids({ orderKey: "A5", reasons: ["replenishment"] })).toEqual(["105 replenishment"]);
  });
});

describe("the merged list", () => {
  it("GIVEN no limit THEN three, filled by precedence: replenishment, then bought together", async () => {
    const list = await recommendationsFor(shopId, { customerId: customers.ana, orderId: orders.A5, now: NOW });
    expect(list).toEqual([
      {
        title: "Paper filters",
        url: "https://coffee.example/products/paper-filters",
        image: "https://cdn.example/105.jpg",
        price: "6.00",
        reason: "replenishment",
        product_id: "105",
      },
      {
        title: "Milk frother",
        url: "https://coffee.example/products/milk-frother",
        image: "https://cdn.example/102.jpg",
        price: "45.00",
        reason: "bought_together",
        product_id: "102",
      },
      {
        title: "Ceramic mug",
        url: "https://coffee.example/products/ceramic-mug",
        image: "https://cdn.example/mug.jpg",
        price: "12.50",
        reason: "bought_together",
        product_id: "103",
      },
    ]);
  });

  it("GIVEN a larger limit THEN each product once, under its first reason in precedence", async () => {
    expect(await ids({ orderKey: "A5" })).toEqual([
      "105 replenishment",
      "102 bought_together",
      "103 bought_together",
      "111 bought_together",
      "110 recently_viewed",
      "113 bestseller_in_collection",
    ]);
  });

  it("GIVEN no order THEN the latest order (espresso beans) is the one just bought, and the base is Ana's recent products", async () => {
    expect(await ids({})).toEqual([
      "105 replenishment",
      "102 bought_together",
      "103 bought_together",
      "111 bought_together",
      "110 recently_viewed",
      "113 bestseller_in_collection",
    ]);
  });

  it("GIVEN the order that held paper filters THEN filters are never proposed, even though due", async () => {
    const list = await ids({ orderKey: "A3" });
    expect(list).toEqual([
      "101 recently_viewed",
      "110 recently_viewed",
      "102 recently_viewed",
      "113 bestseller_in_collection",
    ]);
    expect(list.some((entry) => entry.startsWith("105 "))).toBe(false);
  });

  it("GIVEN a product without an image THEN the image of its cheapest available variant", async () => {
    const [bottle] = (await recommendationsFor(shopId, { customerId: customers.ana, limit: 12, now: NOW })).filter(
      (r) => r.product_id === "111",
    );
    expect(bottle).toEqual({
      title: "Cold brew bottle",
      url: "https://coffee.example/products/cold-brew-bottle",
      image: "https://cdn.example/bottle-blue.jpg",
      price: "28.00",
      reason: "bought_together",
      product_id: "111",
    });
  });

  it("GIVEN a customer with no orders and no views THEN nothing; GIVEN limit 0 THEN nothing", async () => {
    expect(await ids({ customer: customers.zed })).toEqual([]);
    expect(await ids({ orderKey: "A5", limit: 0 })).toEqual([]);
  });

  it("GIVEN another shop's customer or order THEN an error, never that shop's data", async () => {
    await expect(recommendationsFor(otherShopId, { customerId: customers.ana })).rejects.toThrow(
      RecommendationInputError,
    );
    const foreign = await order(otherShopId, null, 1, [101]);
    await expect(recommendationsFor(shopId, { customerId: customers.ana, orderId: foreign.id })).rejects.toThrow(
      `Order ${foreign.id} does not exist in this shop`,
    );
  });
});

describe("replenishmentDue", () => {
  it("GIVEN Ana's filters (last 35 days ago, typical 30) THEN due 5 days ago; Ben (due in 20 days) and Cy (31 days overdue) are not due", async () => {
    expect(await replenishmentDue(shopId, customers.ana, NOW)).toEqual([
      {
        title: "Paper filters",
        url: "https://coffee.example/products/paper-filters",
        image: "https://cdn.example/105.jpg",
        price: "6.00",
        product_id: "105",
        last_purchased_at: daysAgo(35),
        interval_days: 30,
        due_at: daysAgo(5),
      },
    ]);
    expect(await replenishmentDue(shopId, customers.ben, NOW)).toEqual([]);
    expect(await replenishmentDue(shopId, customers.cy, NOW)).toEqual([]);
  });
});

describe("recommendations in templates", () => {
  const body =
    "Thanks for your order!\n{% for p in recommendations %}{{ p.title }} {{ p.url }} {{ p.price }} ({{ p.price | money }})\n{% endfor %}";

  it("GIVEN a flow template with the loop THEN it renders Ana's three recommendations as plain text", async () => {
    const context = await buildTemplateContext({
      shopId,
      customerId: customers.ana,
      orderId: orders.A5,
      recommendations: mentionsRecommendations(null, body),
    });
    expect(await renderMessage({ body }, context)).toEqual({
      ok: true,
      subject: null,
      body: [
        "Thanks for your order!",
        "Paper filters https://coffee.example/products/paper-filters 6.00 ($6.00)",
        "Milk frother https://coffee.example/products/milk-frother 45.00 ($45.00)",
        "Ceramic mug https://coffee.example/products/ceramic-mug 12.50 ($12.50)",
      ].join("\n"),
    });
  });

  it("GIVEN a template that does not name them THEN the context has no recommendations (no queries for them)", async () => {
    const plain = "Hi {{ customer.first_name }}, {{ order.name }} is confirmed.";
    const context = await buildTemplateContext({
      shopId,
      customerId: customers.ana,
      orderId: orders.A5,
      recommendations: mentionsRecommendations(null, plain),
    });
    expect("recommendations" in context).toBe(false);
    expect(await renderMessage({ body }, context)).toMatchObject({ body: "Thanks for your order!" });
  });

  it("GIVEN the flow editor's preview on Ana THEN her real recommendations; on a customer with none THEN sample products and a notice", async () => {
    await ensureDefaultFlows(shopId);
    const flow = await db().flow.findUniqueOrThrow({ where: { shopId_kind: { shopId, kind: "ORDER_CONFIRMATION" } } });
    const loop = "{% for p in recommendations %}{{ p.title }} {{ p.price }}; {% endfor %}";
    expect(
      await previewTemplate(shopId, flow.id, { customerId: customers.ana, channel: "SMS", subject: "", body: loop }),
    ).toEqual({
      ok: true,
      subject: null,
      body: "Paper filters 6.00; Milk frother 45.00; Ceramic mug 12.50;",
      notice: null,
    });
    const zed = await previewTemplate(shopId, flow.id, {
      customerId: customers.zed,
      channel: "SMS",
      subject: "",
      body: loop,
    });
    expect(zed).toMatchObject({
      ok: true,
      body: "Cedar garment spray 12.50; Linen napkins (set of 4) 24.00; Canvas weekender 89.00;",
    });
    expect((zed as { notice: string }).notice).toContain("No product recommendations for Zed yet");
  });
});
