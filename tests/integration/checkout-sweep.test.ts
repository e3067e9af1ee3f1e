// The periodic abandoned-checkout sweep against the Admin API stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { JOB, QUEUE } from "../../app/jobs/queues.server";
import {
  SWEEP_OVERLAP_MS,
  sweepAbandonedCheckouts,
  sweepAllShops,
} from "../../app/shopify/backfill/sweep-checkouts.server";
import {
  generateShopDataset,
  gidNumber,
  seedOfflineSession,
  startFakeShopifyAdmin,
  type FakeAbandonedCheckout,
  type FakeShopifyAdmin,
} from "../fakes/shopify-admin";

const DOMAIN = "sweep-shop.myshopify.com";
const NOW = Date.now();
const HOUR = 3600_000;
let fake: FakeShopifyAdmin;

/** A dataset's checkout, moved in time and given a fresh token. */
function checkoutAt(
  template: FakeAbandonedCheckout,
  id: number,
  token: string,
  updatedAt: number,
): FakeAbandonedCheckout {
  return {
    ...template,
    id: `gid://shopify/AbandonedCheckout/${id}`,
    token,
    abandonedCheckoutUrl: `https://${DOMAIN}/60150293/checkouts/ac/${token}/recover?key=k${id}`,
    createdAt: new Date(updatedAt - HOUR).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
  };
}

beforeAll(async () => {
  const dataset = generateShopDataset({
    seed: 21,
    customers: 6,
    ordersPerCustomer: 0,
    abandonedCheckouts: 1,
    now: new Date(NOW),
    shopDomain: DOMAIN,
  });
  fake = await startFakeShopifyAdmin({ dataset, bucket: { maximumAvailable: 2000, restoreRate: 1000 } });
  process.env.SHOPIFY_ADMIN_API_BASE_URL = fake.url;
  resetConfigCache();
  await seedOfflineSession(DOMAIN);
});
afterAll(async () => {
  await fake.close();
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  resetConfigCache();
});

describe("abandoned checkout sweep", () => {
  it("GIVEN checkouts updated before and after the last sweep WHEN the shop is swept THEN only recent ones are asked for and saved, and the sweep moves on", async () => {
    const lastSweep = new Date(NOW - 2 * HOUR);
    const shop = await db().shop.create({ data: { domain: DOMAIN, lastCheckoutSweepAt: lastSweep } });
    const template = fake.dataset.abandonedCheckouts[0];
    const stale = checkoutAt(template, 901, "a".repeat(32), NOW - 5 * HOUR);
    const fresh = checkoutAt(template, 902, "b".repeat(32), NOW - HOUR);
    const inOverlap = checkoutAt(template, 903, "c".repeat(32), lastSweep.getTime() - SWEEP_OVERLAP_MS / 2);
    fake.setDataset({ ...fake.dataset, abandonedCheckouts: [stale, fresh, inOverlap] });

    const result = await sweepAbandonedCheckouts(shop.id);

    expect(result.imported).toBe(2);
    const [request] = fake.requestsFor("SweepAbandonedCheckouts");
    expect(request.body?.variables).toMatchObject({
      first: 25,
      query: `updated_at:>='${new Date(lastSweep.getTime() - SWEEP_OVERLAP_MS).toISOString()}'`,
    });
    const rows = await db().checkout.findMany({ where: { shopId: shop.id }, orderBy: { token: "asc" } });
    expect(rows.map((r) => r.token)).toEqual([fresh.token, inOverlap.token]);
    expect(rows[0]).toMatchObject({
      shopifyCheckoutId: gidNumber(fresh.id),
      abandonedCheckoutUrl: fresh.abandonedCheckoutUrl,
      completedAt: null,
    });
    const swept = await db().shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(swept.lastCheckoutSweepAt!.getTime()).toBeGreaterThan(lastSweep.getTime());

    // GIVEN the fresh checkout is then completed WHEN swept again THEN its row records the completion, once.
    const completedAt = new Date().toISOString();
    fake.setDataset({ ...fake.dataset, abandonedCheckouts: [{ ...fresh, completedAt, updatedAt: completedAt }] });
    const second = await sweepAbandonedCheckouts(shop.id);
    expect(second.imported).toBe(1);
    const completed = await db().checkout.findUniqueOrThrow({
      where: { shopId_token: { shopId: shop.id, token: fresh.token } },
    });
    expect(completed.completedAt?.toISOString()).toBe(completedAt);
    expect(await db().checkout.count({ where: { shopId: shop.id } })).toBe(2);
  });

  it("GIVEN installed and uninstalled shops WHEN all shops are swept THEN one sweep job is queued per installed shop", async () => {
    const installed = await db().shop.create({ data: { domain: "sweep-installed.myshopify.com" } });
    const gone = await db().shop.create({ data: { domain: "sweep-gone.myshopify.com", uninstalledAt: new Date() } });

    await sweepAllShops();

    const jobs = await getQueue(QUEUE.backfill).getJobs(["waiting", "delayed", "prioritized"]);
    const swept = jobs.filter((j) => j.name === JOB.sweepCheckouts).map((j) => j.data.shopId);
    expect(swept).toContain(installed.id);
    expect(swept).not.toContain(gone.id);
  });

  it("GIVEN a shop without an offline session WHEN it is swept THEN it is skipped without an error", async () => {
    const shop = await db().shop.create({ data: { domain: "sweep-no-session.myshopify.com" } });
    await expect(sweepAbandonedCheckouts(shop.id)).resolves.toMatchObject({
      imported: 0,
      skipped: "no offline session",
    });
  });
});
