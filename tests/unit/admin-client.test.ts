import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { createShopAdminClient } from "../../app/shopify/admin-client.server";
import { rewriteAdminApiUrl } from "../../app/shopify/graphql/base-url";
import { AdminApiError } from "../../app/shopify/graphql/errors";
import { gidToBigInt } from "../../app/shopify/graphql/gid";
import { SHOP_INFO_QUERY, CUSTOMERS_PAGE_QUERY } from "../../app/shopify/graphql/queries/backfill";
import { ShopBucket, waitBeforeQueryMs } from "../../app/shopify/graphql/throttle";
import { generateShopDataset, startFakeShopifyAdmin, type FakeShopifyAdmin } from "../fakes/shopify-admin";

const SHOP = "throttle-test.myshopify.com";
const TOKEN = "shpat_unit_test";

describe("throttle arithmetic", () => {
  const status = { maximumAvailable: 1000, currentlyAvailable: 100, restoreRate: 50 };

  it("GIVEN a bucket short of a query's cost THEN the wait is the deficit over the restore rate", () => {
    expect(waitBeforeQueryMs(352, status)).toBe(5040); // (352 - 100) / 50 s
  });

  it("GIVEN time has passed since Shopify reported the bucket THEN the refill is counted", () => {
    expect(waitBeforeQueryMs(352, status, 1000)).toBe(4040); // 150 available after 1 s
    expect(waitBeforeQueryMs(352, status, 10_000)).toBe(0);
  });

  it("GIVEN enough points THEN there is no wait, and a cost above the maximum waits only for a full bucket", () => {
    expect(waitBeforeQueryMs(80, status)).toBe(0);
    expect(waitBeforeQueryMs(5000, status)).toBe(18_000); // (1000 - 100) / 50 s
  });

  it("GIVEN an operation seen before THEN the shop's bucket expects its last requested cost", () => {
    const bucket = new ShopBucket();
    bucket.observe(
      {
        requestedQueryCost: 252,
        actualQueryCost: 12,
        throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 52, restoreRate: 100 },
      },
      "BackfillCustomers",
      0,
    );
    expect(bucket.expectedCost("BackfillCustomers")).toBe(252);
    expect(bucket.waitMs(bucket.expectedCost("BackfillCustomers"), 0)).toBe(2000);
    expect(bucket.waitMs(bucket.expectedCost("BackfillCustomers"), 500)).toBe(1500);
    expect(bucket.waitMs(bucket.expectedCost("SomethingNew"), 0)).toBe(0);
  });
});

describe("Admin API base URL", () => {
  it("GIVEN a base URL THEN shop API requests keep their path on the stand-in's origin", () => {
    expect(rewriteAdminApiUrl(`https://${SHOP}/admin/api/2026-10/graphql.json`, "http://127.0.0.1:4567")).toBe(
      "http://127.0.0.1:4567/admin/api/2026-10/graphql.json",
    );
    expect(rewriteAdminApiUrl(`https://${SHOP}/admin/api/2026-10/graphql.json`, "http://127.0.0.1:4567/shopify/")).toBe(
      "http://127.0.0.1:4567/shopify/admin/api/2026-10/graphql.json",
    );
  });

  it("GIVEN no base URL, or a non-API URL THEN the URL is untouched", () => {
    expect(rewriteAdminApiUrl(`https://${SHOP}/admin/api/2026-10/graphql.json`, undefined)).toBe(
      `https://${SHOP}/admin/api/2026-10/graphql.json`,
    );
    expect(rewriteAdminApiUrl("https://storage.googleapis.com/bulk/1.jsonl", "http://127.0.0.1:4567")).toBe(
      "https://storage.googleapis.com/bulk/1.jsonl",
    );
  });

  it("parses GIDs into ids", () => {
    expect(gidToBigInt("gid://shopify/Customer/7100000001")).toBe(7100000001n);
    expect(() => gidToBigInt("Customer/1")).toThrow();
  });
});

describe("Admin API client against the stand-in", () => {
  let fake: FakeShopifyAdmin;
  const dataset = generateShopDataset({ seed: 1, customers: 12, shopDomain: SHOP, shopName: "Throttle Test" });

  beforeAll(async () => {
    fake = await startFakeShopifyAdmin({
      dataset,
      accessToken: TOKEN,
      bucket: { maximumAvailable: 300, restoreRate: 3000, currentlyAvailable: 0 },
    });
    process.env.SHOPIFY_ADMIN_API_BASE_URL = fake.url;
    resetConfigCache();
  });
  afterEach(() => {
    fake.requests.length = 0;
  });
  afterAll(async () => {
    await fake.close();
    delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
    resetConfigCache();
  });

  const client = (overrides: Partial<Parameters<typeof createShopAdminClient>[0]> = {}) =>
    createShopAdminClient({
      shopDomain: SHOP,
      accessToken: TOKEN,
      bucket: new ShopBucket(),
      transientBackoffMs: 1,
      ...overrides,
    });

  it("GIVEN an empty bucket WHEN a query is answered THROTTLED THEN the client waits, retries and reports the wait", async () => {
    const admin = client();
    fake.drainBucket();
    const data = await admin.query<{ customers: { nodes: { id: string }[] } }>(CUSTOMERS_PAGE_QUERY, { first: 250 });

    expect(data.customers.nodes).toHaveLength(12);
    const outcomes = fake.requestsFor("BackfillCustomers").map((r) => r.outcome);
    expect(outcomes[0]).toBe("throttled");
    expect(outcomes.at(-1)).toBe("ok");
    expect(admin.throttledMs).toBeGreaterThan(0);
  });

  it("GIVEN the client WHEN it queries THEN the stand-in receives the exact request on the Admin API path with the token", async () => {
    const admin = client();
    const data = await admin.query<{ shop: { name: string } }>(SHOP_INFO_QUERY);

    expect(data.shop.name).toBe("Throttle Test");
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/admin/api/2026-10/graphql.json");
    expect(request.headers["x-shopify-access-token"]).toBe(TOKEN);
    expect(request.body?.query).toBe(SHOP_INFO_QUERY);
  });

  it("GIVEN a forced THROTTLED answer THEN the wait follows the reported cost and the query still succeeds", async () => {
    const waits: number[] = [];
    const admin = client({ sleep: async (ms) => void waits.push(ms) });
    fake.throttleNext(2);
    await admin.query(SHOP_INFO_QUERY);

    expect(fake.requests.map((r) => r.outcome)).toEqual(["throttled", "throttled", "ok"]);
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(admin.throttledMs).toBe(waits.reduce((a, b) => a + b, 0));
  });

  it("GIVEN two 503 answers THEN the client backs off and succeeds on the third attempt", async () => {
    const waits: number[] = [];
    const admin = client({ sleep: async (ms) => void waits.push(ms), transientBackoffMs: 100 });
    fake.failNext(503, 2);
    await admin.query(SHOP_INFO_QUERY);

    expect(fake.requests.map((r) => r.outcome)).toEqual(["failed", "failed", "ok"]);
    expect(waits).toEqual([100, 200]);
    expect(admin.throttledMs).toBe(0);
  });

  it("GIVEN a wrong token THEN the client fails at once with the HTTP status", async () => {
    const admin = client({ accessToken: "shpat_wrong" });
    await expect(admin.query(SHOP_INFO_QUERY)).rejects.toMatchObject({
      name: "AdminApiError",
      details: { status: 401 },
    });
    expect(fake.requests).toHaveLength(1);
  });

  it("GIVEN a GraphQL error that is not throttling THEN the client fails without retrying", async () => {
    const admin = client();
    await expect(admin.query("query NoSuchOperation { shop { name } }")).rejects.toBeInstanceOf(AdminApiError);
    expect(fake.requests).toHaveLength(1);
  });
});
