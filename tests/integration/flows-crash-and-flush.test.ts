// The two failures the flows must survive, done for real: a worker process
// killed (SIGKILL) while its Twilio call is in flight, and a Redis FLUSHALL in
// the middle of a run. This file runs its own private redis-server so that a
// real FLUSHALL cannot touch the other test files' queues.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const privateRedis = vi.hoisted(() => {
  // Below the ephemeral range, as tests/support/private-redis.ts picks them (imports are not ready here).
  const port = 20000 + Math.floor(Math.random() * 12000);
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.JOB_LOCK_MS = "2000";
  // The crash recovery asks Twilio a second after the attempt (app/messages/crash-recovery.server.ts).
  process.env.SEND_RECOVERY_GRACE_MS = "1000";
  return { port, url: process.env.REDIS_URL };
});

import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { reconcile } from "../../app/jobs/reconciler.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { deliverAndProcess } from "../support/shopify-webhook";
import {
  checkoutPayload,
  daytimeCountry,
  enableFlows,
  nextId,
  setStepChannels,
  setTemplate,
  settle,
  waitFor,
} from "./flows-engine-support";
import { startSendingEnv, type SendingEnv } from "./sending-helpers";
import { startPrivateRedis, type PrivateRedis } from "../support/private-redis";

let redisServer: PrivateRedis;
let env: SendingEnv;
let workers: WorkerHandle[] = [];

beforeAll(async () => {
  redisServer = await startPrivateRedis(privateRedis.port);
  resetConfigCache();
  env = await startSendingEnv();
  resetConfigCache();
  await enableFlows(env.shopId, ["CART_RECOVERY"]);
  await setStepChannels(env.shopId, "CART_RECOVERY", ["SMS"]);
  await setTemplate(
    env.shopId,
    "CART_RECOVERY",
    0,
    "SMS",
    "Cart for {{ customer.first_name }}: {{ checkout.abandoned_checkout_url }}",
  );
  // No webhook worker: deliverAndProcess runs each receipt itself, and a batch would run the due
  // steps and send inline (app/dispatch/), in this process rather than the one the test kills.
  workers.push(await startWorkers({ queues: [QUEUE.flowSteps], schedule: false, reconcileOnStart: false }));
}, 60_000);

afterAll(async () => {
  for (const w of workers) await w.close();
  await env?.close();
  redisServer?.stop();
});

let phoneSeq = 0;
const newPhone = () => `+1415555${String(7000 + phoneSeq++).padStart(4, "0")}`;

describe("a Redis FLUSHALL in the middle of a run", () => {
  it("GIVEN a cart recovery step waiting as a delayed job WHEN Redis is flushed THEN the reconciler rebuilds it and the SMS is sent exactly once", async () => {
    const sends = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
    workers.push(sends);
    const phone = newPhone();
    // Step 1 falls due ~3 s from now: it is a delayed job when Redis forgets everything.
    const checkout = checkoutPayload({
      phone,
      email: null,
      country: daytimeCountry().country,
      updatedAt: new Date(Date.now() - 60 * 60_000 + 3000),
      shopifyCustomerId: nextId(),
    });
    await deliverAndProcess("checkouts/create", checkout);
    const run = await db().flowRun.findFirstOrThrow({
      where: { shopId: env.shopId, triggerKey: checkout.token },
      include: { steps: { orderBy: { position: "asc" } } },
    });
    expect(await getQueue(QUEUE.flowSteps).getJob(run.steps[0].id)).toBeDefined();

    const admin = new Redis(redisServer.url);
    await admin.flushall();
    expect(await admin.dbsize()).toBe(0);
    admin.disconnect();
    expect(await getQueue(QUEUE.flowSteps).getJob(run.steps[0].id)).toBeUndefined();

    const repaired = await reconcile();
    expect(repaired.flowSteps).toBeGreaterThanOrEqual(2);
    const smsTo = () => env.fakes.twilio.messages.filter((m) => m.to === phone);
    await waitFor(() => (smsTo().length >= 1 ? true : null), "the SMS after the flush", 20_000);
    await reconcile();
    await settle(1500);
    expect(smsTo()).toHaveLength(1);
    expect(smsTo()[0].body).toBe(`Cart for Ada: ${checkout.abandoned_checkout_url}`);
    await sends.close();
    workers = workers.filter((w) => w !== sends);
  }, 60_000);
});

describe("a worker killed mid-send", () => {
  let hangingTwilio: Server;
  const received: string[] = [];

  beforeAll(async () => {
    // A Twilio that takes the request and never answers: the worker dies while it waits.
    hangingTwilio = createServer((req) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => received.push(body));
    });
    await new Promise<void>((resolve) => hangingTwilio.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => {
    hangingTwilio.closeAllConnections();
    hangingTwilio.close();
  });

  it("GIVEN a send in flight in a worker process WHEN that process is SIGKILLed and Twilio cannot be asked afterwards THEN the message is marked NEEDS_REVIEW and never sent again", async () => {
    const phone = newPhone();
    const checkout = checkoutPayload({
      phone,
      email: null,
      country: daytimeCountry().country,
      shopifyCustomerId: nextId(),
    });
    await deliverAndProcess("checkouts/create", checkout);
    const message = await waitFor(
      () => db().message.findFirst({ where: { toAddress: phone, author: "FLOW" } }),
      "the claimed message",
    );
    expect(message.deliveryStatus).toBe("PENDING");

    // The send job waits in Redis; a separate worker process picks it up.
    const twilioUrl = `http://127.0.0.1:${(hangingTwilio.address() as AddressInfo).port}`;
    // `--import tsx` keeps it one process: the tsx CLI would run the script in a child SIGKILL cannot reach.
    const child = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
      env: { ...process.env, TWILIO_API_BASE_URL: twilioUrl, LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    await waitFor(() => (received.length >= 1 ? true : null), "the worker process's call to Twilio", 30_000);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    const stillPending = await db().message.findUniqueOrThrow({ where: { id: message.id } });
    expect(stillPending.deliveryStatus).toBe("PENDING");
    expect(stillPending.sendAttemptedAt).not.toBeNull();

    // Another worker takes over the stalled job once the dead worker's lock expires. It asks Twilio
    // whether the message arrived, and Twilio cannot be asked either: only a person can decide.
    env.fakes.twilio.failLists({ status: 503, code: 20503 });
    const sends = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
    workers.push(sends);
    const reviewed = await waitFor(
      () => db().message.findFirst({ where: { id: message.id, deliveryStatus: "NEEDS_REVIEW" } }),
      "NEEDS_REVIEW",
      30_000,
    );
    expect(reviewed.errorCode).toBe("CRASH_DURING_SEND");
    expect(env.fakes.twilio.listQueries.filter((q) => q.params.To === phone)).toHaveLength(1);
    await reconcile();
    await settle(1500);
    expect(received).toHaveLength(1);
    expect(new URLSearchParams(received[0]).get("To")).toBe(phone);
    expect(env.fakes.twilio.messages.filter((m) => m.to === phone)).toHaveLength(0);
  }, 90_000);
});
