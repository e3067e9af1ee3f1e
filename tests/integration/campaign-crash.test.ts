// A campaign must survive the two failures the flows survive, done for real and together: the
// worker process that is sending it is SIGKILLed mid-send, then Redis forgets every job
// (FLUSHALL). The reconciler rebuilds the work from the rows, the crash recovery settles the sends
// the dead worker had in flight (asking the Twilio stand-in), and every recipient gets the campaign
// exactly once, never faster than the sender's rate. This file runs its own redis-server so that
// a real FLUSHALL cannot touch the other test files' queues.
import { spawn } from "node:child_process";
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

// The segment's members are inserted below; the segments' own rebuild is not under test here.
vi.mock("../../app/segments/membership.server", () => ({ refreshSegmentMembers: vi.fn(async () => 0) }));

import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { scheduleCampaign } from "../../app/campaigns/engine/lifecycle.server";
import { runCampaignStart } from "../../app/campaigns/engine/run-campaign.server";
import { closeThrottle } from "../../app/campaigns/engine/throttle.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { reconcile } from "../../app/jobs/reconciler.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { customerWithConsent, draftCampaign, segmentOf, setShopRules } from "./campaign-support";
import { startSendingEnv, type SendingEnv } from "./sending-helpers";
import { startPrivateRedis, type PrivateRedis } from "../support/private-redis";

const RECIPIENTS = 60;
const RATE = 10;

let redisServer: PrivateRedis;
let env: SendingEnv;
let workers: WorkerHandle | undefined;

async function until<T>(what: string, ms: number, check: () => Promise<T | null | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  redisServer = await startPrivateRedis(privateRedis.port);
  resetConfigCache();
  env = await startSendingEnv();
  resetConfigCache();
  await setShopRules(env.shopId, { campaignSendRates: { SMS: RATE } });
}, 60_000);

afterAll(async () => {
  await workers?.close();
  closeThrottle();
  await env?.close();
  redisServer?.stop();
});

describe("a campaign through a worker SIGKILL and a Redis FLUSHALL", () => {
  it("GIVEN a campaign being sent by a worker process WHEN that process is SIGKILLed mid-send and Redis is flushed THEN the reconciler finishes it and every recipient gets exactly one SMS, within the sender's rate", async () => {
    const people = [];
    for (let i = 0; i < RECIPIENTS; i++)
      people.push(await customerWithConsent(env.shopId, { firstName: `P${i}`, marketing: { SMS: "GRANTED" } }));
    const segment = await segmentOf(
      env.shopId,
      people.map((p) => p.id),
    );
    const campaign = await draftCampaign(env.shopId, segment.id, { name: "Crash sale" });
    await scheduleCampaign(env.shopId, campaign.id, { sendAt: null });
    // Resolved here; its first batch job waits in Redis for the worker process.
    expect(await runCampaignStart(campaign.id)).toBe("resolved");
    const phones = new Set(people.map((p) => p.phone!));
    const received = () => env.fakes.twilio.messages.filter((m) => phones.has(m.to));

    // `--import tsx` keeps it one process: the tsx CLI would run the script in a child SIGKILL cannot reach.
    const child = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    await until(
      "the worker process to send a third of the campaign",
      60_000,
      async () => received().length >= RECIPIENTS / 3,
    );
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const atKill = received().length;
    expect(atKill).toBeLessThan(RECIPIENTS);
    // Killed mid-send: recipients claimed (their Message written) but not yet settled.
    expect(
      await db().campaignRecipient.count({ where: { campaignId: campaign.id, state: "SENDING" } }),
    ).toBeGreaterThan(0);

    const admin = new Redis(redisServer.url);
    await admin.flushall();
    expect(await admin.dbsize()).toBe(0);
    admin.disconnect();

    // A fresh worker and the reconciler (every minute in production; here every 2 s).
    workers = await startWorkers({ queues: [QUEUE.campaigns, QUEUE.sends], schedule: false, reconcileOnStart: false });
    const done = await until("the campaign to complete", 90_000, async () => {
      await reconcile();
      const row = await db().campaign.findUniqueOrThrow({ where: { id: campaign.id } });
      if (row.status === "COMPLETED") return row;
      await new Promise((r) => setTimeout(r, 2000));
      return null;
    });

    expect(done.completedAt).not.toBeNull();
    // Exactly once at the stand-in, for every recipient.
    const perPhone = new Map<string, number>();
    for (const m of received()) perPhone.set(m.to, (perPhone.get(m.to) ?? 0) + 1);
    expect(perPhone.size).toBe(RECIPIENTS);
    expect([...perPhone.values()].every((n) => n === 1)).toBe(true);
    const recipients = await db().campaignRecipient.findMany({ where: { campaignId: campaign.id } });
    expect(recipients.map((r) => r.state)).toEqual(Array(RECIPIENTS).fill("SENT"));
    expect(await db().message.count({ where: { campaignId: campaign.id } })).toBe(RECIPIENTS);

    // Throttling held throughout: no second at the stand-in saw more than the rate, plus the bucket's
    // one-token burst, plus one more for the bucket Redis forgot in the flush.
    const times = received()
      .map((m) => m.dateCreated.getTime())
      .sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(RATE + 2);
  }, 180_000);
});
