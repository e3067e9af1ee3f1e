// Storefront behaviour from the web pixel (issue 15 clause 2, decision 0054): real Requests to
// POST /pixel/events as the pixel sends them (text/plain from fetch keepalive or sendBeacon), real
// PostgreSQL and Redis; the pixel's activation through the Admin API stand-in's webPixel,
// webPixelCreate and webPixelUpdate.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeChatRateLimiter } from "../../app/chat/rate-limit.server";
import { exportCustomerData } from "../../app/compliance/export-customer-data.server";
import { redactCustomer } from "../../app/compliance/redact-customer.server";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { reconcile } from "../../app/jobs/reconciler.server";
import { action, loader } from "../../app/routes/pixel.events";
import { MAX_EVENTS_PER_REQUEST } from "../../app/storefront-events/batch";
import { pixelKeyFor } from "../../app/storefront-events/pixel-key.server";
import { browseAbandoners, recentlyViewedProducts } from "../../app/storefront-events/queries.server";
import {
  activateWebPixel,
  requestWebPixel,
  webPixelStateOf,
} from "../../app/storefront-events/web-pixel-activation.server";
import {
  generateShopDataset,
  seedOfflineSession,
  startFakeShopifyAdmin,
  webPixelOf,
  type FakeShopifyAdmin,
} from "../fakes/shopify-admin";
import { createShop } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

const OTHER_DOMAIN = "pixel-other.myshopify.com";
const GONE_DOMAIN = "pixel-gone.myshopify.com";
const APP_URL = "http://127.0.0.1:3999"; // SHOPIFY_APP_URL in tests/support/setup-env.ts

let shopId: string;
let otherShopId: string;

beforeAll(async () => {
  shopId = (await createShop()).id;
  otherShopId = (await createShop({ domain: OTHER_DOMAIN })).id;
  await db().shop.create({ data: { domain: GONE_DOMAIN, uninstalledAt: new Date() } });
});
afterAll(async () => {
  await closeChatRateLimiter();
});

const newClient = () => randomUUID();
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

const productEvent = (id: string, name = "product_viewed", minutesAgo = 10, over: Record<string, unknown> = {}) => ({
  id,
  name,
  timestamp: at(minutesAgo),
  url: `https://${TEST_SHOP_DOMAIN}/products/blue-hoodie`,
  product: {
    id: "7234567890",
    variantId: "41234567890",
    title: "Blue Hoodie",
    variantTitle: "M",
    price: 49,
    currency: "USD",
    imageUrl: "https://cdn.shopify.com/hoodie.jpg",
    url: "/products/blue-hoodie",
    ...(name === "product_added_to_cart" ? { quantity: 1 } : {}),
  },
  ...over,
});
const collectionEvent = (id: string, minutesAgo = 9) => ({
  id,
  name: "collection_viewed",
  timestamp: at(minutesAgo),
  url: `https://${TEST_SHOP_DOMAIN}/collections/hoodies`,
  collection: { id: "455678", title: "Hoodies" },
});

function batch(clientId: string, events: unknown[], over: Record<string, unknown> = {}) {
  return {
    v: 1,
    shop: TEST_SHOP_DOMAIN,
    key: pixelKeyFor(TEST_SHOP_DOMAIN),
    clientId,
    consent: { analytics: true },
    customerId: null,
    events,
    ...over,
  };
}

function post(body: unknown, options: { contentType?: string; raw?: string } = {}) {
  const request = new Request(`${APP_URL}/pixel/events`, {
    method: "POST",
    headers: {
      "Content-Type": options.contentType ?? "text/plain;charset=UTF-8",
      Origin: `https://${TEST_SHOP_DOMAIN}`,
    },
    body: options.raw ?? JSON.stringify(body),
  });
  return action({ request, params: {}, context: {} } as Parameters<typeof action>[0]);
}

const eventsOf = (clientId: string) =>
  db().storefrontEvent.findMany({ where: { clientId }, orderBy: { occurredAt: "asc" } });

async function customer(shopifyCustomerId: bigint, email: string) {
  const row = await db().customer.create({
    data: { shopId, shopifyCustomerId, firstName: "Jane", email },
  });
  await db().customerIdentity.create({ data: { shopId, customerId: row.id, kind: "EMAIL", value: email } });
  return row;
}

describe("POST /pixel/events", () => {
  it("GIVEN a storefront origin WHEN the browser preflights THEN 204 with CORS for any origin, and GET is 405", async () => {
    const preflight = await loader({
      request: new Request(`${APP_URL}/pixel/events`, { method: "OPTIONS" }),
      params: {},
      context: {},
    } as Parameters<typeof loader>[0]);
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toBe("POST, OPTIONS");
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toBe("Content-Type");
    const get = await loader({
      request: new Request(`${APP_URL}/pixel/events`),
      params: {},
      context: {},
    } as Parameters<typeof loader>[0]);
    expect(get.status).toBe(405);
  });

  it("GIVEN an anonymous browser with consent WHEN it sends a text/plain batch THEN every event is stored once, anonymously, and the answer carries CORS", async () => {
    const clientId = newClient();
    const res = await post(batch(clientId, [productEvent("ev-anon-1"), collectionEvent("ev-anon-2")]));
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await res.json()).toEqual({ saved: 2, duplicates: 0 });

    const rows = await eventsOf(clientId);
    expect(
      rows.map((r) => ({
        shopId: r.shopId,
        eventId: r.eventId,
        kind: r.kind,
        customerId: r.customerId,
        shopifyProductId: r.shopifyProductId,
        shopifyVariantId: r.shopifyVariantId,
        collectionId: r.collectionId,
        title: r.title,
        url: r.url,
        price: r.price?.toString() ?? null,
      })),
    ).toEqual([
      {
        shopId,
        eventId: "ev-anon-1",
        kind: "product_viewed",
        customerId: null,
        shopifyProductId: 7234567890n,
        shopifyVariantId: 41234567890n,
        collectionId: null,
        title: "Blue Hoodie",
        url: `https://${TEST_SHOP_DOMAIN}/products/blue-hoodie`,
        price: "49",
      },
      {
        shopId,
        eventId: "ev-anon-2",
        kind: "collection_viewed",
        customerId: null,
        shopifyProductId: null,
        shopifyVariantId: null,
        collectionId: "gid://shopify/Collection/455678",
        title: "Hoodies",
        url: `https://${TEST_SHOP_DOMAIN}/collections/hoodies`,
        price: null,
      },
    ]);
    expect(
      await db().timelineEvent.count({ where: { dedupeKey: { in: ["pixel:ev-anon-1", "pixel:ev-anon-2"] } } }),
    ).toBe(0);
  });

  it("GIVEN a batch already stored WHEN the pixel sends it again (as JSON) THEN both events are duplicates and nothing is added", async () => {
    const clientId = newClient();
    const body = batch(clientId, [productEvent("ev-dup-1"), productEvent("ev-dup-2", "product_viewed", 5)]);
    expect(await (await post(body)).json()).toEqual({ saved: 2, duplicates: 0 });
    const again = await post(body, { contentType: "application/json" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ saved: 0, duplicates: 2 });
    const repeatedInside = await post(batch(clientId, [productEvent("ev-dup-3"), productEvent("ev-dup-3")]));
    expect(await repeatedInside.json()).toEqual({ saved: 1, duplicates: 1 });
    expect(await eventsOf(clientId)).toHaveLength(3);
  });

  it("GIVEN a wrong key, or another shop's key WHEN a batch names this shop THEN 403 and nothing is stored", async () => {
    const clientId = newClient();
    const wrong = await post(batch(clientId, [productEvent("ev-key-1")], { key: "not-the-key" }));
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: "key_mismatch" });
    const borrowed = await post(batch(clientId, [productEvent("ev-key-2")], { key: pixelKeyFor(OTHER_DOMAIN) }));
    expect(borrowed.status).toBe(403);
    expect(await eventsOf(clientId)).toHaveLength(0);

    // The other shop's key works for the other shop only, and its events are filed under it.
    const own = await post(
      batch(clientId, [productEvent("ev-key-3")], { shop: OTHER_DOMAIN, key: pixelKeyFor(OTHER_DOMAIN) }),
    );
    expect(own.status).toBe(200);
    expect((await eventsOf(clientId)).map((r) => r.shopId)).toEqual([otherShopId]);
  });

  it("GIVEN a shop that never installed Threadline or uninstalled it WHEN its (valid) key is used THEN 404 and nothing is stored", async () => {
    const clientId = newClient();
    for (const shop of ["pixel-never.myshopify.com", GONE_DOMAIN]) {
      const res = await post(batch(clientId, [productEvent(`ev-${shop}`)], { shop, key: pixelKeyFor(shop) }));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: "shop_not_installed" });
    }
    expect(await eventsOf(clientId)).toHaveLength(0);
  });

  it("GIVEN a batch without analytics consent WHEN it arrives THEN 422 consent_required and nothing is stored", async () => {
    const clientId = newClient();
    for (const consent of [{ analytics: false }, {}, undefined]) {
      const res = await post(batch(clientId, [productEvent("ev-consent-1")], { consent }));
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ code: "consent_required" });
    }
    expect(await eventsOf(clientId)).toHaveLength(0);
  });

  it("GIVEN oversize, over-long, malformed or non-JSON bodies WHEN they arrive THEN 413, 400 or 415 with nothing stored", async () => {
    const clientId = newClient();
    const huge = await post(null, {
      raw: JSON.stringify(batch(clientId, [productEvent("ev-big")])) + " ".repeat(70_000),
    });
    expect(huge.status).toBe(413);
    const tooMany = Array.from({ length: MAX_EVENTS_PER_REQUEST + 1 }, (_, i) => productEvent(`ev-many-${i}`));
    const many = await post(batch(clientId, tooMany));
    expect(many.status).toBe(400);
    expect(await many.json()).toMatchObject({ code: "invalid", field: "events" });
    const badId = await post(
      batch(clientId, [productEvent("ev-bad", "product_viewed", 1, { product: { id: "DROP TABLE", title: "x" } })]),
    );
    expect(badId.status).toBe(400);
    expect((await post(null, { raw: "not json" })).status).toBe(400);
    expect(
      (await post(batch(clientId, [productEvent("ev-form")]), { contentType: "application/x-www-form-urlencoded" }))
        .status,
    ).toBe(415);
    expect(await eventsOf(clientId)).toHaveLength(0);
  });

  it("GIVEN one browser flooding WHEN it passes 30 requests in a minute THEN 429 with Retry-After, while another browser still gets through", async () => {
    const flooder = newClient();
    for (let i = 0; i < 30; i++) expect((await post(batch(flooder, [productEvent(`ev-flood-${i}`)]))).status).toBe(200);
    const refused = await post(batch(flooder, [productEvent("ev-flood-30")]));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("60");
    expect(await refused.json()).toMatchObject({ code: "rate_limited", scope: "client" });
    expect(await eventsOf(flooder)).toHaveLength(30);
    expect((await post(batch(newClient(), [productEvent("ev-flood-other")]))).status).toBe(200);
  });
});

describe("tying a browser to its customer", () => {
  it("GIVEN a browser's anonymous events WHEN it signs in (init.data.customer.id) THEN the browser becomes the customer's, every event is theirs and on their timeline", async () => {
    const jane = await customer(9001n, "jane.pixel@example.com");
    const clientId = newClient();
    await post(batch(clientId, [productEvent("ev-tie-1", "product_viewed", 30), collectionEvent("ev-tie-2", 29)]));
    expect((await eventsOf(clientId)).every((r) => r.customerId === null)).toBe(true);

    const signedIn = await post(
      batch(clientId, [productEvent("ev-tie-3", "product_added_to_cart", 20)], { customerId: "9001" }),
    );
    expect(await signedIn.json()).toEqual({ saved: 1, duplicates: 0 });
    expect((await eventsOf(clientId)).map((r) => [r.eventId, r.customerId])).toEqual([
      ["ev-tie-1", jane.id],
      ["ev-tie-2", jane.id],
      ["ev-tie-3", jane.id],
    ]);
    expect(
      await db().customerIdentity.findMany({
        where: { shopId, kind: "STOREFRONT_CLIENT", value: clientId },
        select: { customerId: true },
      }),
    ).toEqual([{ customerId: jane.id }]);

    const timeline = await db().timelineEvent.findMany({
      where: { customerId: jane.id },
      orderBy: { occurredAt: "asc" },
      select: { type: true, title: true, dedupeKey: true, data: true },
    });
    expect(timeline).toEqual([
      {
        type: "PRODUCT_VIEWED",
        title: "Viewed Blue Hoodie",
        dedupeKey: "pixel:ev-tie-1",
        data: {
          source: "web_pixel",
          eventId: "ev-tie-1",
          url: `https://${TEST_SHOP_DOMAIN}/products/blue-hoodie`,
          product: { id: "7234567890", variantId: "41234567890", title: "Blue Hoodie", price: "49" },
        },
      },
      {
        type: "COLLECTION_VIEWED",
        title: "Viewed collection Hoodies",
        dedupeKey: "pixel:ev-tie-2",
        data: {
          source: "web_pixel",
          eventId: "ev-tie-2",
          url: `https://${TEST_SHOP_DOMAIN}/collections/hoodies`,
          collection: { id: "gid://shopify/Collection/455678", title: "Hoodies" },
        },
      },
      expect.objectContaining({
        type: "ADDED_TO_CART",
        title: "Added Blue Hoodie to cart",
        dedupeKey: "pixel:ev-tie-3",
      }),
    ]);

    // Later pages of the same browser, signed out: still hers, through the browser's identity.
    await post(batch(clientId, [productEvent("ev-tie-4", "product_viewed", 5)]));
    expect((await eventsOf(clientId)).at(-1)).toMatchObject({ eventId: "ev-tie-4", customerId: jane.id });
    expect(await db().timelineEvent.count({ where: { customerId: jane.id, dedupeKey: "pixel:ev-tie-4" } })).toBe(1);
    // A duplicate after the tie adds no second timeline entry.
    await post(batch(clientId, [productEvent("ev-tie-4", "product_viewed", 5)]));
    expect(await db().timelineEvent.count({ where: { customerId: jane.id } })).toBe(4);
  });

  it("GIVEN an anonymous browser WHEN it completes a checkout with a known email THEN it is tied to that customer; the purchase itself adds no timeline entry", async () => {
    const sam = await customer(9002n, "sam.pixel@example.com");
    const clientId = newClient();
    await post(batch(clientId, [productEvent("ev-co-1", "product_viewed", 15)]));
    const res = await post(
      batch(clientId, [
        {
          id: "ev-co-2",
          name: "checkout_completed",
          timestamp: at(1),
          url: `https://${TEST_SHOP_DOMAIN}/checkouts/cn/abc/thank-you`,
          checkout: { orderId: "5550001", customerId: null, email: "Sam.Pixel@Example.com", phone: null },
        },
      ]),
    );
    expect(res.status).toBe(200);
    expect((await eventsOf(clientId)).map((r) => [r.kind, r.customerId])).toEqual([
      ["product_viewed", sam.id],
      ["checkout_completed", sam.id],
    ]);
    expect(
      (await db().timelineEvent.findMany({ where: { customerId: sam.id }, select: { dedupeKey: true } })).map(
        (t) => t.dedupeKey,
      ),
    ).toEqual(["pixel:ev-co-1"]);
  });

  it("GIVEN a signed-in id this shop does not know WHEN events arrive THEN they stay anonymous and no customer is created", async () => {
    const before = await db().customer.count({ where: { shopId } });
    const clientId = newClient();
    await post(batch(clientId, [productEvent("ev-unknown-1")], { customerId: "gid://shopify/Customer/123456" }));
    expect((await eventsOf(clientId))[0].customerId).toBeNull();
    expect(await db().customer.count({ where: { shopId } })).toBe(before);
  });
});

describe("compliance", () => {
  it("GIVEN a tied customer WHEN Shopify asks for their data THEN the export lists their storefront events", async () => {
    const kim = await customer(9401n, "kim.pixel@example.com");
    await post(
      batch(newClient(), [productEvent("dr-1", "product_viewed", 10), collectionEvent("dr-2", 9)], {
        customerId: "9401",
      }),
    );
    const id = await exportCustomerData(TEST_SHOP_DOMAIN, { shopifyCustomerId: 9401n, email: "kim.pixel@example.com" });
    const row = await db().dataRequest.findUniqueOrThrow({ where: { id: id! } });
    const exported = row.export as { storefrontEvents: Array<{ eventId: string; customerId: string; title: string }> };
    expect(exported.storefrontEvents.map((e) => [e.eventId, e.customerId, e.title])).toEqual([
      ["dr-1", kim.id, "Blue Hoodie"],
      ["dr-2", kim.id, "Hoodies"],
    ]);
  });

  it("GIVEN a customer tied to a browser WHEN Shopify redacts them THEN their storefront events go, the browser's anonymous ones too, and others stay", async () => {
    const ann = await customer(9301n, "ann.pixel@example.com");
    const keeper = await customer(9302n, "keeper.pixel@example.com");
    const annBrowser = newClient();
    const keeperBrowser = newClient();
    await post(batch(annBrowser, [productEvent("rd-1", "product_viewed", 10)], { customerId: "9301" }));
    await post(batch(keeperBrowser, [productEvent("rd-2", "product_viewed", 10)], { customerId: "9302" }));
    // An event the identity ties later would carry her id; one that raced in anonymously would not.
    await db().storefrontEvent.create({
      data: { shopId, eventId: "rd-3", kind: "product_viewed", clientId: annBrowser, occurredAt: new Date() },
    });

    await redactCustomer(TEST_SHOP_DOMAIN, { shopifyCustomerId: 9301n, email: "ann.pixel@example.com" });
    expect(await eventsOf(annBrowser)).toEqual([]);
    expect(await db().customer.findUnique({ where: { id: ann.id } })).toBeNull();
    expect((await eventsOf(keeperBrowser)).map((r) => r.customerId)).toEqual([keeper.id]);
  });
});

describe("read helpers for flows and recommendations", () => {
  it("GIVEN customers' views, cart additions and orders WHEN asked THEN recently viewed products and browse abandoners are right", async () => {
    const viewer = await customer(9101n, "viewer@example.com");
    const carter = await customer(9102n, "carter@example.com");
    const buyer = await customer(9103n, "buyer@example.com");
    const view = (id: string, productId: string, title: string, minutesAgo: number) =>
      productEvent(id, "product_viewed", minutesAgo, {
        product: { id: productId, variantId: null, title, price: 10, currency: "USD" },
      });
    await post(
      batch(
        newClient(),
        [view("rv-1", "111", "Socks", 50), view("rv-2", "222", "Cap", 40), view("rv-3", "111", "Socks", 30)],
        {
          customerId: "9101",
        },
      ),
    );
    await post(
      batch(newClient(), [view("rv-4", "333", "Scarf", 40), productEvent("rv-5", "product_added_to_cart", 35)], {
        customerId: "9102",
      }),
    );
    await post(batch(newClient(), [view("rv-6", "444", "Belt", 40)], { customerId: "9103" }));
    await db().order.create({
      data: { shopId, shopifyOrderId: 880001n, customerId: buyer.id, processedAt: new Date(Date.now() - 20 * 60_000) },
    });
    // A customer staff merged into the viewer: their views count for the viewer.
    const mergedAway = await db().customer.create({ data: { shopId, mergedIntoId: viewer.id } });
    await db().storefrontEvent.create({
      data: {
        shopId,
        eventId: "rv-7",
        kind: "product_viewed",
        clientId: newClient(),
        customerId: mergedAway.id,
        shopifyProductId: 555n,
        title: "Gloves",
        occurredAt: new Date(Date.now() - 45 * 60_000),
      },
    });

    const recent = await recentlyViewedProducts(shopId, viewer.id, 1, 10);
    expect(recent.map((p) => [p.shopifyProductId, p.title, p.views])).toEqual([
      [111n, "Socks", 2],
      [222n, "Cap", 1],
      [555n, "Gloves", 1],
    ]);
    expect((await recentlyViewedProducts(shopId, viewer.id, 1, 1)).map((p) => p.shopifyProductId)).toEqual([111n]);
    expect(await recentlyViewedProducts(otherShopId, viewer.id, 1, 10)).toEqual([]);

    const hourAgo = new Date(Date.now() - 60 * 60_000);
    const abandoners = await browseAbandoners(shopId, { viewedSince: hourAgo, notCartedSince: hourAgo });
    const ours = abandoners.filter((a) => [viewer.id, carter.id, buyer.id, mergedAway.id].includes(a.customerId));
    expect(ours.map((a) => ({ customerId: a.customerId, views: a.views, products: a.shopifyProductIds }))).toEqual([
      { customerId: viewer.id, views: 4, products: [111n, 222n, 555n] },
    ]);
    expect(await browseAbandoners(otherShopId, { viewedSince: hourAgo, notCartedSince: hourAgo })).toEqual([]);
  });
});

describe("activating the pixel for a shop", () => {
  let admin: FakeShopifyAdmin;
  beforeAll(async () => {
    admin = await startFakeShopifyAdmin({
      dataset: generateShopDataset({
        seed: 54,
        customers: 0,
        ordersPerCustomer: { min: 0, max: 0 },
        abandonedCheckouts: 0,
        now: new Date(),
        shopDomain: TEST_SHOP_DOMAIN,
      }),
    });
    process.env.SHOPIFY_ADMIN_API_BASE_URL = admin.url;
    resetConfigCache();
    await seedOfflineSession(TEST_SHOP_DOMAIN);
  });
  afterAll(async () => {
    await admin?.close();
    delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
    resetConfigCache();
  });

  const state = async () => webPixelStateOf((await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings);

  it("GIVEN an install WHEN the pixel is requested and its job runs (twice) THEN exactly one pixel exists with the app URL and the shop's key", async () => {
    await db().shop.update({ where: { id: shopId }, data: { settings: { keep: "me" } } });
    await requestWebPixel(shopId);
    expect(await state()).toMatchObject({ state: "PENDING" });
    expect(await getQueue(QUEUE.shopifyWrites).getJob(`web-pixel-${shopId}`)).toBeDefined();

    expect(await activateWebPixel(shopId)).toMatchObject({ ok: true, action: "created" });
    const pixel = webPixelOf(admin.dataset)!;
    expect(pixel.settings).toEqual({ appUrl: APP_URL, shopKey: pixelKeyFor(TEST_SHOP_DOMAIN) });
    const create = admin.requestsFor("WebPixelCreate")[0];
    expect(create.body?.variables).toEqual({ webPixel: { settings: pixel.settings } });
    expect(await state()).toMatchObject({ state: "ACTIVE", id: pixel.id, appUrl: APP_URL });
    // Other keys of Shop.settings are left alone.
    expect((await db().shop.findUniqueOrThrow({ where: { id: shopId } })).settings).toMatchObject({ keep: "me" });

    expect(await activateWebPixel(shopId)).toEqual({ ok: true, action: "unchanged", webPixelId: pixel.id });
    expect(admin.requestsFor("WebPixelCreate")).toHaveLength(1);
    expect(admin.requestsFor("WebPixelUpdate")).toHaveLength(0);
  });

  it("GIVEN a pixel with stale settings (the app moved) WHEN the job runs THEN webPixelUpdate brings it up to date", async () => {
    const pixel = webPixelOf(admin.dataset)!;
    pixel.settings = { appUrl: "https://old.example.com", shopKey: "stale" };
    expect(await activateWebPixel(shopId)).toMatchObject({ ok: true, action: "updated", webPixelId: pixel.id });
    const update = admin.requestsFor("WebPixelUpdate").at(-1)!;
    expect(update.body?.variables).toEqual({
      id: pixel.id,
      webPixel: { settings: { appUrl: APP_URL, shopKey: pixelKeyFor(TEST_SHOP_DOMAIN) } },
    });
    expect(webPixelOf(admin.dataset)!.settings.appUrl).toBe(APP_URL);
  });

  it("GIVEN a PENDING pixel whose job Redis lost WHEN the reconciler runs THEN the job is back", async () => {
    await requestWebPixel(shopId);
    const queue = getQueue(QUEUE.shopifyWrites);
    await (await queue.getJob(`web-pixel-${shopId}`))?.remove();
    expect(await queue.getJob(`web-pixel-${shopId}`)).toBeUndefined();
    expect((await reconcile()).webPixels).toBe(1);
    expect(await queue.getJob(`web-pixel-${shopId}`)).toBeDefined();
    await activateWebPixel(shopId);
    expect(await state()).toMatchObject({ state: "ACTIVE" });
    expect((await reconcile()).webPixels).toBe(0);
  });

  it("GIVEN a shop without an offline token WHEN the job runs THEN FAILED with the reason, not retried", async () => {
    const result = await activateWebPixel(otherShopId);
    expect(result).toMatchObject({ ok: false, reason: "no_session" });
    const settings = (await db().shop.findUniqueOrThrow({ where: { id: otherShopId } })).settings;
    expect(webPixelStateOf(settings)).toMatchObject({ state: "FAILED" });
  });
});
