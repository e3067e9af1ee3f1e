// POST /webhooks: what is accepted, what is refused, and what is stored.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { closeQueues, getQueue } from "../../app/jobs/enqueue.server";
import { action } from "../../app/routes/webhooks";
import { signedWebhookRequest, TEST_SHOP_DOMAIN, webhookFixture } from "../support/shopify-webhook";

const MAX_BYTES = 64 * 1024;
const post = (request: Request) => action({ request, params: {}, context: {} });
const order = () => webhookFixture("orders/create");
const receiptCount = () => db().webhookReceipt.count();

beforeAll(() => {
  process.env.WEBHOOK_MAX_BYTES = String(MAX_BYTES);
  resetConfigCache();
});

afterAll(() => {
  delete process.env.WEBHOOK_MAX_BYTES;
  resetConfigCache();
});

beforeEach(async () => {
  await db().webhookReceipt.deleteMany();
  await getQueue("webhooks").obliterate({ force: true });
});

describe("POST /webhooks", () => {
  it("GIVEN a validly signed orders/create WHEN posted THEN it answers 200, stores a receipt and enqueues its job", async () => {
    const response = await post(
      signedWebhookRequest({ topic: "orders/create", body: order(), eventId: "evt-1", webhookId: "wh-1" }),
    );

    expect(response.status).toBe(200);
    const receipt = await db().webhookReceipt.findFirstOrThrow();
    expect(receipt).toMatchObject({
      shopDomain: TEST_SHOP_DOMAIN,
      topic: "orders/create",
      eventId: "evt-1",
      webhookId: "wh-1",
      apiVersion: "2026-10",
      status: "RECEIVED",
    });
    expect((receipt.payload as { id: number }).id).toBe(order().id);
    const job = await getQueue("webhooks").getJob(`webhook-${receipt.id}`);
    expect(job?.data).toEqual({ receiptId: receipt.id });
  });

  it("GIVEN the GraphQL spelling of a topic THEN it is accepted and stored under the REST name", async () => {
    const response = await post(signedWebhookRequest({ topic: "ORDERS_CREATE", body: order() }));
    expect(response.status).toBe(200);
    expect((await db().webhookReceipt.findFirstOrThrow()).topic).toBe("orders/create");
  });

  it("GIVEN a body signed with another secret WHEN posted THEN 401 and nothing is stored", async () => {
    const response = await post(
      signedWebhookRequest({ topic: "orders/create", body: order(), secret: "not-our-secret" }),
    );
    expect(response.status).toBe(401);
    expect(await receiptCount()).toBe(0);
  });

  it("GIVEN a body altered after signing WHEN posted THEN 401", async () => {
    const signed = signedWebhookRequest({ topic: "orders/create", body: order() });
    const tampered = new Request(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify({ ...order(), total_price: "0.01" }),
    });
    expect((await post(tampered)).status).toBe(401);
    expect(await receiptCount()).toBe(0);
  });

  it("GIVEN no HMAC header WHEN posted THEN 401 and nothing is stored", async () => {
    const response = await post(
      signedWebhookRequest({ topic: "orders/create", body: order(), omitHeaders: ["X-Shopify-Hmac-Sha256"] }),
    );
    expect(response.status).toBe(401);
    expect(await receiptCount()).toBe(0);
  });

  it.each(["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Webhook-Id"])(
    "GIVEN a signed request without %s WHEN posted THEN 400 naming the header",
    async (header) => {
      const response = await post(
        signedWebhookRequest({ topic: "orders/create", body: order(), omitHeaders: [header] }),
      );
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(header);
      expect(await receiptCount()).toBe(0);
    },
  );

  it("GIVEN a validly signed but malformed JSON body WHEN posted THEN 400", async () => {
    const response = await post(signedWebhookRequest({ topic: "orders/create", body: '{"id": 1,' }));
    expect(response.status).toBe(400);
    expect(await receiptCount()).toBe(0);
  });

  it("GIVEN an unknown topic WHEN posted THEN 400", async () => {
    const response = await post(signedWebhookRequest({ topic: "inventory_levels/update", body: { id: 1 } }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("inventory_levels/update");
    expect(await receiptCount()).toBe(0);
  });

  it("GIVEN a shop domain that is not *.myshopify.com WHEN posted THEN 400", async () => {
    const response = await post(
      signedWebhookRequest({ topic: "orders/create", body: order(), shopDomain: "evil.example.com" }),
    );
    expect(response.status).toBe(400);
    expect(await receiptCount()).toBe(0);
  });

  it("GIVEN a Content-Length over the limit WHEN posted THEN 413 before reading", async () => {
    const request = signedWebhookRequest({
      topic: "orders/create",
      body: order(),
      headers: { "Content-Length": String(MAX_BYTES + 1) },
    });
    expect((await post(request)).status).toBe(413);
    expect(await receiptCount()).toBe(0);
  });

  it("GIVEN a body over the limit without a Content-Length WHEN posted THEN 413 from counting the bytes", async () => {
    const big = { ...order(), note: "x".repeat(MAX_BYTES) };
    const request = signedWebhookRequest({ topic: "orders/create", body: big });
    expect(request.headers.get("content-length")).toBeNull();
    expect((await post(request)).status).toBe(413);
    expect(await receiptCount()).toBe(0);
  });

  it("GIVEN the same event delivered twice (new webhook id, same event id) THEN one receipt and one job", async () => {
    const first = await post(
      signedWebhookRequest({ topic: "orders/create", body: order(), eventId: "evt-dup", webhookId: "wh-a" }),
    );
    const second = await post(
      signedWebhookRequest({ topic: "orders/create", body: order(), eventId: "evt-dup", webhookId: "wh-b" }),
    );

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await receiptCount()).toBe(1);
    expect(await getQueue("webhooks").getJobCounts("waiting", "active", "delayed", "prioritized")).toMatchObject({
      waiting: 1,
    });
  });

  it("GIVEN no event id header THEN the webhook id de-duplicates instead", async () => {
    const send = () =>
      post(
        signedWebhookRequest({
          topic: "orders/create",
          body: order(),
          webhookId: "wh-only",
          omitHeaders: ["X-Shopify-Event-Id"],
        }),
      );
    await send();
    await send();
    const receipts = await db().webhookReceipt.findMany();
    expect(receipts.map((r) => r.eventId)).toEqual(["wh-only"]);
  });

  it("GIVEN Redis is unreachable WHEN a valid webhook arrives THEN the receipt is kept and Shopify still gets 200", async () => {
    await closeQueues();
    const realRedis = process.env.REDIS_URL;
    process.env.REDIS_URL = "redis://127.0.0.1:1";
    resetConfigCache();
    try {
      const started = Date.now();
      const response = await post(signedWebhookRequest({ topic: "orders/create", body: order() }));
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(await receiptCount()).toBe(1);
    } finally {
      await closeQueues();
      if (realRedis === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = realRedis;
      resetConfigCache();
    }
  });
});
