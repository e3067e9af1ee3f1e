// The production web server answers POST /webhooks on the bare Node server, before Express and
// Remix (server/webhook-route.ts). The same intake rules hold there: real HTTP requests, signed as
// Shopify signs them, against that handler alone.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { isShopifyWebhookRequest, shopifyWebhookRoute } from "../../server/webhook-route";
import { signedWebhookRequest, webhookFixture } from "../support/shopify-webhook";

const MAX_BYTES = 64 * 1024;
let server: Server;
let url = "";
let fellThrough: string[] = [];

beforeAll(async () => {
  process.env.WEBHOOK_MAX_BYTES = String(MAX_BYTES);
  resetConfigCache();
  server = createServer((req, res) => {
    if (isShopifyWebhookRequest(req)) return void shopifyWebhookRoute(req, res);
    fellThrough.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  delete process.env.WEBHOOK_MAX_BYTES;
  resetConfigCache();
});

beforeEach(async () => {
  fellThrough = [];
  await db().webhookReceipt.deleteMany();
  await getQueue("webhooks").obliterate({ force: true });
});

/** Sends a signed Request's method, headers and body over real HTTP. */
async function send(request: Request, init: { chunked?: boolean } = {}) {
  const body = Buffer.from(await request.arrayBuffer());
  const headers = Object.fromEntries(request.headers);
  return fetch(url, {
    method: request.method,
    headers,
    body: init.chunked
      ? new ReadableStream({
          start(controller) {
            for (let i = 0; i < body.length; i += 16 * 1024) controller.enqueue(body.subarray(i, i + 16 * 1024));
            controller.close();
          },
        })
      : body,
    ...(init.chunked ? { duplex: "half" } : {}),
  } as RequestInit);
}

describe("POST /webhooks on the bare Node server", () => {
  it("GIVEN a validly signed orders/create THEN 200, one receipt and its job", async () => {
    const res = await send(
      signedWebhookRequest({ topic: "orders/create", body: webhookFixture("orders/create"), eventId: "fast-1" }),
    );
    expect(res.status).toBe(200);
    const receipt = await db().webhookReceipt.findFirstOrThrow();
    expect(receipt).toMatchObject({ topic: "orders/create", eventId: "fast-1", status: "RECEIVED" });
    expect(await getQueue("webhooks").getJob(`webhook-${receipt.id}`)).toBeTruthy();
  });

  it("GIVEN a wrong HMAC, a missing topic, or a chunked body over the limit THEN 401, 400, 413 and nothing stored", async () => {
    const forged = await send(
      signedWebhookRequest({ topic: "orders/create", body: webhookFixture("orders/create"), secret: "not-ours" }),
    );
    expect(forged.status).toBe(401);
    expect(await forged.text()).toBe("invalid HMAC");
    const untitled = await send(
      signedWebhookRequest({
        topic: "orders/create",
        body: webhookFixture("orders/create"),
        omitHeaders: ["X-Shopify-Topic"],
      }),
    );
    expect(untitled.status).toBe(400);
    const big = { ...webhookFixture("orders/create"), note: "x".repeat(MAX_BYTES) };
    const tooLarge = await send(signedWebhookRequest({ topic: "orders/create", body: big }), { chunked: true });
    expect(tooLarge.status).toBe(413);
    expect(await db().webhookReceipt.count()).toBe(0);
  });

  it("leaves every other request to Express: GET /webhooks and POST /webhooks/twilio/…", async () => {
    await fetch(url);
    await fetch(`${url}/twilio/status/abc`, { method: "POST", body: "x" });
    expect(fellThrough).toEqual(["GET /webhooks", "POST /webhooks/twilio/status/abc"]);
  });
});
