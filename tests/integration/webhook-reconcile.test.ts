// The database is the truth: receipts whose jobs Redis lost get them back.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { action } from "../../app/routes/webhooks";
import { startWorkers } from "../../app/jobs/worker.server";
import { reconcileWebhookReceipts } from "../../app/webhooks/reconcile.server";
import { createShop } from "../support/factories";
import { signedWebhookRequest, webhookFixture } from "../support/shopify-webhook";

const queue = () => getQueue("webhooks");

async function receiveOrderWebhook() {
  const response = await action({
    request: signedWebhookRequest({ topic: "orders/create", body: webhookFixture("orders/create") }),
    params: {},
    context: {},
  });
  expect(response.status).toBe(200);
  return db().webhookReceipt.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
}

async function waitFor(check: () => Promise<boolean | undefined>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ageReceipts = () => db().webhookReceipt.updateMany({ data: { receivedAt: new Date(Date.now() - 5 * 60_000) } });

beforeEach(async () => {
  await db().shop.deleteMany();
  await db().webhookReceipt.deleteMany();
  await queue().obliterate({ force: true });
  await createShop();
});

describe("reconcileWebhookReceipts", () => {
  it("GIVEN a stored receipt WHEN Redis loses its job THEN reconcile enqueues it again", async () => {
    const receipt = await receiveOrderWebhook();
    await queue().obliterate({ force: true });
    await ageReceipts();

    expect(await reconcileWebhookReceipts()).toBe(1);

    expect((await queue().getJob(`webhook-${receipt.id}`))?.data).toEqual({ receiptId: receipt.id });
  });

  it("GIVEN a receipt whose job is still waiting THEN reconcile leaves it alone", async () => {
    await receiveOrderWebhook();
    await ageReceipts();

    expect(await reconcileWebhookReceipts()).toBe(0);
    expect(await queue().getJobCounts("waiting")).toEqual({ waiting: 1 });
  });

  it("GIVEN a receipt that arrived seconds ago without a job THEN it is not touched yet", async () => {
    await receiveOrderWebhook();
    await queue().obliterate({ force: true });

    expect(await reconcileWebhookReceipts()).toBe(0);
  });

  it("GIVEN a FAILED receipt whose BullMQ job has finished as failed THEN the finished job is replaced by a fresh one", async () => {
    const broken = { ...webhookFixture("orders/create"), currency: undefined };
    await action({ request: signedWebhookRequest({ topic: "orders/create", body: broken }), params: {}, context: {} });
    const receipt = await db().webhookReceipt.findFirstOrThrow();
    const jobId = `webhook-${receipt.id}`;
    // One attempt only, so that the real worker moves it to BullMQ's failed set at once.
    await (await queue().getJob(jobId))!.remove();
    await queue().add("process-webhook", { receiptId: receipt.id }, { jobId, attempts: 1 });
    const worker = await startWorkers({ queues: ["webhooks"], schedule: false, reconcileOnStart: false });
    try {
      await waitFor(async () => (await queue().getJob(jobId))?.isFailed());
    } finally {
      await worker.close();
    }
    expect(await db().webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).toMatchObject({
      status: "FAILED",
      attempts: 1,
    });

    expect(await reconcileWebhookReceipts()).toBe(1);

    expect(await (await queue().getJob(jobId))?.getState()).toBe("waiting");
  });

  it("GIVEN receipts already PROCESSED or out of attempts THEN nothing is enqueued", async () => {
    const receipt = await receiveOrderWebhook();
    await queue().obliterate({ force: true });
    await ageReceipts();
    await db().webhookReceipt.update({ where: { id: receipt.id }, data: { status: "PROCESSED" } });
    const failed = await receiveOrderWebhook();
    await queue().obliterate({ force: true });
    await db().webhookReceipt.update({ where: { id: failed.id }, data: { status: "FAILED", attempts: 8 } });

    expect(await reconcileWebhookReceipts()).toBe(0);
  });
});
