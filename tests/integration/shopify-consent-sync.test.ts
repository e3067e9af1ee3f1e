// Our own opt-outs written back to Shopify: signed Twilio STOP and the unsubscribe link, through the
// real shopify-writes queue, the throttle-aware Admin API client and the Admin API stand-in.
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { config, resetConfigCache } from "../../app/config.server";
import { syncConsentToShopify } from "../../app/consent/shopify-consent-sync.server";
import { unsubscribeUrl } from "../../app/consent/unsubscribe-link.server";
import { db } from "../../app/db/client.server";
import { enqueue, getQueue } from "../../app/jobs/enqueue.server";
import { JOB, QUEUE } from "../../app/jobs/queues.server";
import { reconcile } from "../../app/jobs/reconciler.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import {
  generateShopDataset,
  seedOfflineSession,
  startFakeShopifyAdmin,
  type CapturedRequest,
  type FakeCustomer,
  type FakeShopifyAdmin,
} from "../fakes/shopify-admin";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { createCustomer, inboundSms, postTwilioSigned, startSendingEnv, type SendingEnv } from "./sending-helpers";

let env: SendingEnv;
let admin: FakeShopifyAdmin;
let sends: WorkerHandle;
let writes: WorkerHandle | undefined;
let counter = 0;

beforeAll(async () => {
  env = await startSendingEnv();
  admin = await startFakeShopifyAdmin({
    dataset: generateShopDataset({
      seed: 41,
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
  sends = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await writes?.close();
  await sends?.close();
  await admin?.close();
  await env?.close();
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  resetConfigCache();
});
beforeEach(async () => {
  env.fakes.reset();
  admin.requests.length = 0;
  await writes?.close();
  writes = undefined;
});

const startWrites = async () => {
  writes = await startWorkers({ queues: [QUEUE.shopifyWrites], schedule: false, reconcileOnStart: false });
};

async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms));

/** A customer Shopify knows (the stand-in holds them, subscribed on both channels) and we know too. */
async function givenShopifyCustomer() {
  counter += 1;
  const shopifyCustomerId = 8_200_000_000_000n + BigInt(counter);
  const phone = `+1415555${String(1000 + counter).slice(-4)}`;
  const email = `consent-${counter}@example.com`;
  const gid = `gid://shopify/Customer/${shopifyCustomerId}`;
  const subscribedAt = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const record: FakeCustomer = {
    id: gid,
    firstName: "Ada",
    lastName: "Lovelace",
    email,
    phone,
    locale: "en",
    numberOfOrders: "1",
    amountSpent: { amount: "10.00", currencyCode: "USD" },
    defaultEmailAddress: {
      emailAddress: email,
      marketingState: "SUBSCRIBED",
      marketingOptInLevel: "SINGLE_OPT_IN",
      marketingUpdatedAt: subscribedAt,
    },
    defaultPhoneNumber: {
      phoneNumber: phone,
      marketingState: "SUBSCRIBED",
      marketingOptInLevel: "SINGLE_OPT_IN",
      marketingUpdatedAt: subscribedAt,
      marketingCollectedFrom: "SHOPIFY",
    },
    defaultAddress: null,
    createdAt: subscribedAt,
    updatedAt: subscribedAt,
  };
  admin.dataset.customers.push(record);
  const customer = await createCustomer(env.shopId, { phone, email });
  await db().customer.update({ where: { id: customer.id }, data: { shopifyCustomerId } });
  for (const channel of ["EMAIL", "SMS"] as const)
    await db().consent.create({
      data: {
        shopId: env.shopId,
        customerId: customer.id,
        channel,
        purpose: "MARKETING",
        state: "GRANTED",
        source: "SHOPIFY_CUSTOMER",
        occurredAt: new Date(subscribedAt),
      },
    });
  return { customer, gid, record, phone };
}

const inboundUrl = () => `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`;
const answered = (operation: string) => admin.requestsFor(operation).filter((r) => r.outcome === "ok");
const variablesOf = (r: CapturedRequest) => r.body?.variables;
const syncRows = (customerId: string) =>
  db().shopifyConsentSync.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });
const allDone = async (customerId: string) => {
  const rows = await syncRows(customerId);
  return rows.length > 0 && rows.every((r) => r.status !== "PENDING");
};

describe("STOP over Twilio → Shopify's SMS marketing consent", () => {
  it("GIVEN a 500, then a THROTTLED first answer WHEN the customer texts STOP THEN Shopify receives exactly one customerSmsMarketingConsentUpdate UNSUBSCRIBED for their GID, even when the job runs again", async () => {
    const { customer, gid, record, phone } = await givenShopifyCustomer();
    await startWrites();
    admin.throttleNext(1);
    admin.failNext(500, 1);

    const res = await postTwilioSigned(inboundUrl(), inboundSms(phone, "STOP"));
    expect(res.status).toBe(200);
    await waitFor(() => allDone(customer.id), "the consent sync");

    const [row] = await syncRows(customer.id);
    const revoked = await db().consent.findUniqueOrThrow({
      where: { customerId_channel_purpose: { customerId: customer.id, channel: "SMS", purpose: "MARKETING" } },
    });
    expect(row).toMatchObject({ channel: "SMS", state: "REVOKED", status: "DONE", lastError: null });
    const attempts = admin.requestsFor("CustomerSmsMarketingConsentUpdate").map((r) => r.outcome);
    expect(attempts).toEqual(["failed", "throttled", "ok"]); // the stand-in answers 500 before it throttles
    expect(answered("CustomerSmsMarketingConsentUpdate").map(variablesOf)).toEqual([
      {
        input: {
          customerId: gid,
          smsMarketingConsent: { marketingState: "UNSUBSCRIBED", consentUpdatedAt: revoked.occurredAt.toISOString() },
        },
      },
    ]);
    expect(record.defaultPhoneNumber?.marketingState).toBe("UNSUBSCRIBED");

    // The same job again (a retry, a re-enqueue, the processor called twice): nothing more is sent.
    await syncConsentToShopify(row.id);
    await enqueue(JOB.syncShopifyConsent, { syncId: row.id });
    await settle();
    expect(answered("CustomerSmsMarketingConsentUpdate")).toHaveLength(1);
    expect(admin.requestsFor("CustomerEmailMarketingConsentUpdate")).toHaveLength(0);
    expect(await syncRows(customer.id)).toHaveLength(1);
  });

  it("GIVEN Shopify answers with userErrors THEN the write is FAILED with Shopify's reason, not retried", async () => {
    const { customer, record, phone } = await givenShopifyCustomer();
    record.defaultPhoneNumber = null; // Shopify refuses SMS consent for a customer without a phone
    await startWrites();

    await postTwilioSigned(inboundUrl(), inboundSms(phone, "STOP"));
    await waitFor(() => allDone(customer.id), "the consent sync");

    const [row] = await syncRows(customer.id);
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row.lastError).toBe("INVALID: Customer must have a phone number (input.customerId)");
    expect(admin.requestsFor("CustomerSmsMarketingConsentUpdate")).toHaveLength(1);
  });

  it("GIVEN a WhatsApp STOP THEN Shopify's SMS consent is left alone", async () => {
    const { customer, phone } = await givenShopifyCustomer();
    await startWrites();

    await postTwilioSigned(inboundUrl(), inboundSms(`whatsapp:${phone}`, "STOP", { To: "whatsapp:+16505551234" }));
    await waitFor(
      async () => (await db().consent.count({ where: { customerId: customer.id, channel: "WHATSAPP" } })) > 0,
      "the WhatsApp opt-out",
    );
    await settle();

    expect(await syncRows(customer.id)).toHaveLength(0);
    expect(admin.requests).toHaveLength(0);
  });
});

describe("unsubscribe link → Shopify's email marketing consent", () => {
  it("GIVEN a marketing email's unsubscribe link WHEN posted THEN Shopify receives customerEmailMarketingConsentUpdate UNSUBSCRIBED", async () => {
    const { customer, gid, record } = await givenShopifyCustomer();
    await startWrites();

    const url = unsubscribeUrl({ shopId: env.shopId, customerId: customer.id, channel: "EMAIL" });
    const res = await fetch(url, { method: "POST" });
    expect(res.status).toBe(200);
    await waitFor(() => allDone(customer.id), "the consent sync");

    const revoked = await db().consent.findUniqueOrThrow({
      where: { customerId_channel_purpose: { customerId: customer.id, channel: "EMAIL", purpose: "MARKETING" } },
    });
    expect(answered("CustomerEmailMarketingConsentUpdate").map(variablesOf)).toEqual([
      {
        input: {
          customerId: gid,
          emailMarketingConsent: { marketingState: "UNSUBSCRIBED", consentUpdatedAt: revoked.occurredAt.toISOString() },
        },
      },
    ]);
    expect(record.defaultEmailAddress?.marketingState).toBe("UNSUBSCRIBED");
    expect(admin.requestsFor("CustomerSmsMarketingConsentUpdate")).toHaveLength(0);
  });
});

describe("durability", () => {
  it("GIVEN a STOP whose write job Redis then loses WHEN the reconciler runs THEN the job is back and Shopify hears once", async () => {
    const { customer, phone } = await givenShopifyCustomer();

    await postTwilioSigned(inboundUrl(), inboundSms(phone, "STOP"));
    const [row] = await syncRows(customer.id);
    expect(row.status).toBe("PENDING");
    const jobId = `consent-sync-${row.id}`;
    expect(await getQueue(QUEUE.shopifyWrites).getJob(jobId)).toBeDefined();

    const redis = new Redis(config().REDIS_URL);
    try {
      const keys = await redis.keys(`${config().QUEUE_PREFIX}:${QUEUE.shopifyWrites}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    expect(await getQueue(QUEUE.shopifyWrites).getJob(jobId)).toBeUndefined();

    const repaired = await reconcile();
    expect(repaired.consentSyncs).toBeGreaterThanOrEqual(1);
    expect(await getQueue(QUEUE.shopifyWrites).getJob(jobId)).toBeDefined();
    await startWrites();
    await waitFor(() => allDone(customer.id), "the consent sync after the flush");
    await reconcile();
    await settle();

    expect((await syncRows(customer.id))[0].status).toBe("DONE");
    expect(answered("CustomerSmsMarketingConsentUpdate")).toHaveLength(1);
  });
});
