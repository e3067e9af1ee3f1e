// A webhook whose processing keeps failing is retried a bounded number of times, then given up:
// FAILED with its reason, never enqueued again by the reconciler, and shown to the merchant on
// Home with a way to send it through again.
import { UnrecoverableError } from "bullmq";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers } from "../../app/jobs/worker.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { processWebhookReceipt } from "../../app/webhooks/process-receipt.server";
import { MAX_RECEIPT_ATTEMPTS } from "../../app/webhooks/receipt-policy";
import { reconcileWebhookReceipts } from "../../app/webhooks/reconcile.server";
import { action as postWebhook } from "../../app/routes/webhooks";
import { createShop, storeOfflineSession } from "../support/factories";
import { signedWebhookRequest, TEST_SHOP_DOMAIN, webhookFixture } from "../support/shopify-webhook";

const BASE = "http://127.0.0.1:3999";
const queue = () => getQueue("webhooks");

/** An orders/create Shopify would never send: no currency. Processing it can only fail. */
const brokenOrder = () => ({ ...webhookFixture("orders/create"), currency: undefined });

async function receive(body: unknown, shopDomain = TEST_SHOP_DOMAIN) {
  const response = await postWebhook({
    request: signedWebhookRequest({ topic: "orders/create", body, shopDomain }),
    params: {},
    context: {},
  });
  expect(response.status).toBe(200);
  return db().webhookReceipt.findFirstOrThrow({ where: { shopDomain }, orderBy: { receivedAt: "desc" } });
}

/** Runs the receipt as BullMQ would, attempt after attempt, until it stops throwing retryable errors. */
async function runUntilGivenUp(receiptId: string) {
  const errors: unknown[] = [];
  for (let attempt = 1; attempt <= MAX_RECEIPT_ATTEMPTS; attempt++) {
    try {
      await processWebhookReceipt(receiptId);
    } catch (error) {
      errors.push(error);
    }
  }
  return errors;
}

const home = () => import("../../app/routes/app._index");

beforeAll(async () => {
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  markDemoRunner();
  resetConfigCache();
});

afterAll(() => {
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
});

beforeEach(async () => {
  await db().shop.deleteMany();
  await db().session.deleteMany();
  await db().webhookReceipt.deleteMany();
  await queue().obliterate({ force: true });
  await createShop();
  // Home signs in as the demo shop from its offline session, as `npm run demo` does.
  await storeOfflineSession();
});

describe("a webhook that always fails", () => {
  it(`GIVEN a payload no attempt can process WHEN run ${MAX_RECEIPT_ATTEMPTS} times THEN it is FAILED with its reason, the last attempt stops BullMQ, and no further run happens`, async () => {
    const receipt = await receive(brokenOrder());

    const errors = await runUntilGivenUp(receipt.id);

    expect(errors).toHaveLength(MAX_RECEIPT_ATTEMPTS);
    expect(errors.slice(0, -1).every((e) => !(e instanceof UnrecoverableError))).toBe(true);
    expect(errors.at(-1)).toBeInstanceOf(UnrecoverableError);
    const failed = await db().webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_RECEIPT_ATTEMPTS });
    expect(failed.error).toBe("Shopify's payload could not be read: currency is missing");

    // A stray job (Redis kept one, or someone re-added it) does not run it again.
    await processWebhookReceipt(receipt.id);
    expect((await db().webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).attempts).toBe(
      MAX_RECEIPT_ATTEMPTS,
    );
    expect(await db().order.count()).toBe(0);
  });

  it("GIVEN a receipt on its last attempt WHEN a real worker runs its job THEN BullMQ does not retry it although the job has attempts left", async () => {
    const receipt = await receive(brokenOrder());
    await db().webhookReceipt.update({
      where: { id: receipt.id },
      data: { status: "FAILED", attempts: MAX_RECEIPT_ATTEMPTS - 1 },
    });
    const workers = await startWorkers({ queues: [QUEUE.webhooks], schedule: false, reconcileOnStart: false });
    try {
      const job = (await queue().getJob(`webhook-${receipt.id}`))!;
      const deadline = Date.now() + 10_000;
      while ((await job.getState()) !== "failed") {
        if (Date.now() > deadline) throw new Error(`job still ${await job.getState()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const finished = (await queue().getJob(job.id!))!;
      expect(finished.attemptsMade).toBe(1);
      expect(finished.opts.attempts).toBeGreaterThan(1);
    } finally {
      await workers.close();
    }
    expect(await db().webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).toMatchObject({
      status: "FAILED",
      attempts: MAX_RECEIPT_ATTEMPTS,
    });
  });

  it("GIVEN a receipt whose attempts all started and never finished (worker killed) WHEN its job runs again THEN it is given up with that reason and the reconciler leaves it", async () => {
    const receipt = await receive(webhookFixture("orders/create"));
    await db().webhookReceipt.update({ where: { id: receipt.id }, data: { attempts: MAX_RECEIPT_ATTEMPTS } });

    await processWebhookReceipt(receipt.id);

    const given = await db().webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } });
    expect(given).toMatchObject({ status: "FAILED", attempts: MAX_RECEIPT_ATTEMPTS });
    expect(given.error).toMatch(/none finished/);
    await queue().obliterate({ force: true });
    expect(await reconcileWebhookReceipts({ staleAfterMs: 0 })).toBe(0);
  });

  it("GIVEN a given-up receipt WHEN the reconciler runs THEN it is not enqueued again", async () => {
    const receipt = await receive(brokenOrder());
    await runUntilGivenUp(receipt.id);
    await queue().obliterate({ force: true });

    expect(await reconcileWebhookReceipts({ staleAfterMs: 0 })).toBe(0);
    expect(await queue().getJob(`webhook-${receipt.id}`)).toBeUndefined();
  });
});

describe("Home shows given-up webhooks", () => {
  it("GIVEN a given-up webhook of this shop and one of another shop WHEN Home loads THEN only this shop's is listed, with topic, time and reason", async () => {
    const receipt = await receive(brokenOrder());
    await runUntilGivenUp(receipt.id);
    const other = await receive(brokenOrder(), "someone-else.myshopify.com");
    await db().webhookReceipt.update({
      where: { id: other.id },
      data: { status: "FAILED", attempts: MAX_RECEIPT_ATTEMPTS, error: "theirs" },
    });
    // Still being retried: not the merchant's problem yet.
    const retrying = await receive(brokenOrder());
    await processWebhookReceipt(retrying.id).catch(() => {});

    const response = await (await home()).loader({ request: new Request(`${BASE}/app`), params: {}, context: {} });
    const data = await response.json();

    expect(data.failedWebhooks.total).toBe(1);
    expect(data.failedWebhooks.recent).toEqual([
      {
        id: receipt.id,
        topic: "orders/create",
        receivedAt: receipt.receivedAt.toISOString(),
        reason: expect.stringMatching(/currency/),
        retryable: true,
      },
    ]);
  });

  it("GIVEN a given-up webhook WHEN the merchant retries it from Home THEN it gets fresh attempts and a job again", async () => {
    const receipt = await receive(brokenOrder());
    await runUntilGivenUp(receipt.id);
    await queue().obliterate({ force: true });

    const form = new URLSearchParams({ intent: "retry-webhooks" });
    const response = await (
      await home()
    ).action({
      request: new Request(`${BASE}/app?index`, { method: "POST", body: form }),
      params: {},
      context: {},
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, retried: 1 });
    expect(await db().webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).toMatchObject({
      status: "RECEIVED",
      attempts: 0,
      error: null,
    });
    expect((await queue().getJob(`webhook-${receipt.id}`))?.data).toEqual({ receiptId: receipt.id });
    const again = await (await home()).loader({ request: new Request(`${BASE}/app`), params: {}, context: {} });
    expect((await again.json()).failedWebhooks.total).toBe(0);
  });
});
