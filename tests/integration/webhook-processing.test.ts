// From stored receipt to commerce rows: replays, out-of-order delivery,
// identity matching, consent, recovery, and the app lifecycle topics.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { startWorkers } from "../../app/jobs/worker.server";
import { action } from "../../app/routes/webhooks";
import { processWebhookReceipt } from "../../app/webhooks/process-receipt.server";
import { createOfflineSession, createShop } from "../support/factories";
import { deliverAndProcess, signedWebhookRequest, webhookFixture } from "../support/shopify-webhook";

const ORDER_ID = 5912345678901n;
const CUSTOMER_ID = 7218835865913n;
const TOKEN = "f7a1c2d3e4b5a6978899aabbccddeeff";

let shopId: string;

async function wipe() {
  await db().shop.deleteMany();
  await db().session.deleteMany();
  await db().webhookReceipt.deleteMany();
}

async function rowCounts() {
  const [customers, identities, orders, checkouts, fulfillments, events, consents] = await Promise.all([
    db().customer.count(),
    db().customerIdentity.count(),
    db().order.count(),
    db().checkout.count(),
    db().fulfillment.count(),
    db().timelineEvent.count(),
    db().consent.count(),
  ]);
  return { customers, identities, orders, checkouts, fulfillments, events, consents };
}

const eventKeys = async () =>
  (await db().timelineEvent.findMany({ orderBy: { dedupeKey: "asc" } })).map((e) => e.dedupeKey);
const recentIso = (minutesAgo = 0) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

beforeEach(async () => {
  await wipe();
  await getQueue("webhooks").obliterate({ force: true });
  shopId = (await createShop()).id;
});

describe("orders", () => {
  it("GIVEN orders/create WHEN processed THEN the order, its customer, identities, consent and timeline are saved", async () => {
    const receipt = await deliverAndProcess("orders/create", webhookFixture("orders/create"));

    expect(receipt).toMatchObject({ status: "PROCESSED", attempts: 1, error: null });
    const order = await db().order.findUniqueOrThrow({
      where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: ORDER_ID } },
    });
    expect(order).toMatchObject({
      name: "#1001",
      email: "jane.cooper@example.com",
      financialStatus: "paid",
      checkoutToken: TOKEN,
      currency: "USD",
    });
    expect(order.totalPrice.toString()).toBe("64.5");
    const customer = await db().customer.findUniqueOrThrow({
      where: { id: order.customerId! },
      include: { identities: true, consents: true },
    });
    expect(customer).toMatchObject({
      shopifyCustomerId: CUSTOMER_ID,
      firstName: "Jane",
      countryCode: "CA",
      locale: "en-CA",
      ordersCount: 1,
    });
    expect(customer.totalSpent.toString()).toBe("64.5");
    expect(customer.identities.map((i) => `${i.kind}:${i.value}`).sort()).toEqual([
      "EMAIL:jane.cooper@example.com",
      "PHONE:+16135550142",
      `SHOPIFY_CUSTOMER:${CUSTOMER_ID}`,
    ]);
    // The customer inside an order carries no consent since API 2025-01.
    expect(customer.consents).toEqual([]);
    expect(await eventKeys()).toEqual(expect.arrayContaining([`order:${ORDER_ID}:placed`, `order:${ORDER_ID}:paid`]));
  });

  it("GIVEN a processed order WHEN the same event is re-delivered and the receipt re-run THEN no row changes", async () => {
    const receipt = await deliverAndProcess("orders/create", webhookFixture("orders/create"));
    const before = await rowCounts();

    await processWebhookReceipt(receipt.id);
    await deliverAndProcess("orders/create", webhookFixture("orders/create"));
    await deliverAndProcess("orders/updated", webhookFixture("orders/create"));

    expect(await rowCounts()).toEqual(before);
    expect((await db().webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).attempts).toBe(1);
  });

  it("GIVEN orders/updated arrives before orders/create THEN both apply, the newer fields win and nothing is lost", async () => {
    await deliverAndProcess("orders/updated", webhookFixture("orders/updated"));
    await deliverAndProcess("orders/create", webhookFixture("orders/create"));

    const order = await db().order.findUniqueOrThrow({
      where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: ORDER_ID } },
    });
    expect(order.fulfillmentStatus).toBe("fulfilled");
    expect(order.shopifyUpdatedAt?.toISOString()).toBe(
      new Date(webhookFixture("orders/updated").updated_at).toISOString(),
    );
    expect(await db().order.count()).toBe(1);
    expect(await db().fulfillment.count()).toBe(1);
    expect(await eventKeys()).toEqual(
      expect.arrayContaining([
        `order:${ORDER_ID}:placed`,
        `order:${ORDER_ID}:paid`,
        "fulfillment:4987654321098:created",
      ]),
    );
  });

  it("GIVEN a newer order stored WHEN an older payload reports a cancellation THEN fields stay but the missing event is added", async () => {
    const newer = webhookFixture("orders/updated");
    const older = { ...webhookFixture("orders/create"), cancelled_at: "2026-11-21T10:12:31-05:00", name: "#OLD" };
    await deliverAndProcess("orders/updated", newer);
    await deliverAndProcess("orders/updated", older);

    const order = await db().order.findFirstOrThrow();
    expect(order).toMatchObject({ name: "#1001", cancelledAt: null, fulfillmentStatus: "fulfilled" });
    expect(await eventKeys()).toContain(`order:${ORDER_ID}:cancelled`);
  });

  it("GIVEN an invalid order payload WHEN processed THEN the receipt is FAILED with the error and attempts", async () => {
    const broken = { ...webhookFixture("orders/create"), currency: undefined };
    await expect(deliverAndProcess("orders/create", broken)).rejects.toThrow();

    const receipt = await db().webhookReceipt.findFirstOrThrow();
    expect(receipt).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(receipt.error).toMatch(/currency/);
    expect(await db().order.count()).toBe(0);
  });
});

describe("fulfillments", () => {
  it("GIVEN a fulfillment arrives before its order THEN it is kept and its events appear once the order lands", async () => {
    await deliverAndProcess("fulfillments/create", webhookFixture("fulfillments/create"));
    const early = await db().fulfillment.findFirstOrThrow();
    expect(early).toMatchObject({ shopifyOrderId: ORDER_ID, status: "success", trackingNumber: "7023210039414604" });
    expect(await db().timelineEvent.count()).toBe(0);

    await deliverAndProcess("orders/create", webhookFixture("orders/create"));
    const fulfilled = await db().timelineEvent.findUniqueOrThrow({
      where: { shopId_dedupeKey: { shopId, dedupeKey: "fulfillment:4987654321098:created" } },
    });
    expect(fulfilled.type).toBe("ORDER_FULFILLED");
    expect(fulfilled.orderId).toBe((await db().order.findFirstOrThrow()).id);
  });

  it("GIVEN a delivered update THEN deliveredAt is set and ORDER_DELIVERED recorded; a late older payload does not undo it", async () => {
    await deliverAndProcess("orders/create", webhookFixture("orders/create"));
    await deliverAndProcess("fulfillments/update", webhookFixture("fulfillments/update"));
    await deliverAndProcess("fulfillments/create", webhookFixture("fulfillments/create"));

    const fulfillment = await db().fulfillment.findFirstOrThrow();
    expect(fulfillment.shipmentStatus).toBe("delivered");
    expect(fulfillment.deliveredAt).not.toBeNull();
    const types = (await db().timelineEvent.findMany()).map((e) => e.type);
    expect(types.filter((t) => t === "ORDER_DELIVERED")).toHaveLength(1);
    expect(types.filter((t) => t === "ORDER_FULFILLED")).toHaveLength(1);
  });

  it("GIVEN a shipment status change THEN one FULFILLMENT_UPDATED per status", async () => {
    await deliverAndProcess("orders/create", webhookFixture("orders/create"));
    const inTransit = {
      ...webhookFixture("fulfillments/update"),
      shipment_status: "in_transit",
      updated_at: "2026-11-23T08:00:00-05:00",
    };
    await deliverAndProcess("fulfillments/update", inTransit);
    await deliverAndProcess("fulfillments/update", inTransit);

    expect(await eventKeys()).toContain("fulfillment:4987654321098:status:in_transit");
    expect(await db().timelineEvent.count({ where: { type: "FULFILLMENT_UPDATED" } })).toBe(1);
  });
});

describe("checkouts", () => {
  it("GIVEN a checkout and then an order with its token THEN the checkout is recovered", async () => {
    await deliverAndProcess("checkouts/create", webhookFixture("checkouts/create"));
    await deliverAndProcess("orders/create", webhookFixture("orders/create"));

    const checkout = await db().checkout.findFirstOrThrow();
    const order = await db().order.findFirstOrThrow();
    expect(checkout).toMatchObject({ token: TOKEN, recoveredOrderId: order.id, customerId: order.customerId });
    expect(checkout.completedAt).not.toBeNull();
    const recovered = await db().timelineEvent.findUniqueOrThrow({
      where: { shopId_dedupeKey: { shopId, dedupeKey: `checkout:${TOKEN}:recovered` } },
    });
    expect(recovered).toMatchObject({ type: "CHECKOUT_RECOVERED", orderId: order.id, checkoutId: checkout.id });
  });

  it("GIVEN the order arrives before its checkout THEN the checkout is still recovered and never abandoned", async () => {
    await deliverAndProcess("orders/create", webhookFixture("orders/create"));
    await deliverAndProcess("checkouts/update", webhookFixture("checkouts/update"));

    expect((await db().checkout.findFirstOrThrow()).recoveredOrderId).toBe((await db().order.findFirstOrThrow()).id);
    expect(await eventKeys()).toContain(`checkout:${TOKEN}:recovered`);
    expect(await eventKeys()).not.toContain(`checkout:${TOKEN}:abandoned`);
  });

  it("GIVEN a fresh checkout THEN it is started, not abandoned; an hour-old one is abandoned", async () => {
    const fresh = { ...webhookFixture("checkouts/create"), created_at: recentIso(), updated_at: recentIso() };
    await deliverAndProcess("checkouts/create", fresh);
    const checkoutEvents = async () => (await eventKeys()).filter((key) => key.startsWith("checkout:"));
    expect(await checkoutEvents()).toEqual([`checkout:${TOKEN}:started`]);

    const stale = { ...fresh, updated_at: recentIso(61) };
    // An older updated_at never overwrites the fields, but it proves the checkout sat open for an hour.
    await deliverAndProcess("checkouts/update", stale);
    expect(await checkoutEvents()).toEqual([`checkout:${TOKEN}:abandoned`, `checkout:${TOKEN}:started`]);
  });

  it("GIVEN buyer opt-ins on a checkout THEN email and SMS marketing consent are granted from CHECKOUT", async () => {
    const guest = {
      ...webhookFixture("checkouts/update"),
      customer: null,
      email: "new.buyer@example.com",
      phone: "+16135550199",
    };
    await deliverAndProcess("checkouts/update", guest);

    const consents = await db().consent.findMany();
    expect(consents.map((c) => `${c.channel} ${c.state} ${c.source}`).sort()).toEqual([
      "EMAIL GRANTED CHECKOUT",
      "SMS GRANTED CHECKOUT",
    ]);
    expect(await db().timelineEvent.count({ where: { type: "CONSENT_CHANGED" } })).toBe(2);
  });
});

describe("customer identity", () => {
  it("GIVEN a known customer WHEN a guest checkout uses their email in another case and their national phone THEN it is the same customer", async () => {
    await deliverAndProcess("customers/create", webhookFixture("customers/create"));
    const guest = {
      ...webhookFixture("checkouts/create"),
      customer: null,
      email: "JANE.COOPER@EXAMPLE.COM",
      phone: "(613) 555-0142",
    };
    await deliverAndProcess("checkouts/create", guest);

    expect(await db().customer.count()).toBe(1);
    const customer = await db().customer.findFirstOrThrow();
    expect((await db().checkout.findFirstOrThrow()).customerId).toBe(customer.id);
    expect(customer.email).toBe("jane.cooper@example.com");
  });

  it("GIVEN a guest order with only a national phone THEN it matches the customer through E.164 in the address country", async () => {
    await deliverAndProcess("customers/create", webhookFixture("customers/create"));
    const guestOrder = {
      ...webhookFixture("orders/create"),
      customer: null,
      email: null,
      contact_email: null,
      phone: "613.555.0142",
      checkout_token: null,
    };
    await deliverAndProcess("orders/create", guestOrder);

    expect(await db().customer.count()).toBe(1);
    expect((await db().order.findFirstOrThrow()).customerId).toBe((await db().customer.findFirstOrThrow()).id);
  });

  it("GIVEN two Shopify customers sharing an email THEN they stay two customers and the address stays with the first", async () => {
    await deliverAndProcess("customers/create", webhookFixture("customers/create"));
    const other = {
      ...webhookFixture("customers/create"),
      id: 7218835865999,
      first_name: "Janet",
      phone: null,
      default_address: null,
    };
    await deliverAndProcess("customers/create", other);

    const customers = await db().customer.findMany({ orderBy: { createdAt: "asc" } });
    expect(customers.map((c) => c.shopifyCustomerId)).toEqual([CUSTOMER_ID, 7218835865999n]);
    const emailOwner = await db().customerIdentity.findUniqueOrThrow({
      where: { shopId_kind_value: { shopId, kind: "EMAIL", value: "jane.cooper@example.com" } },
    });
    expect(emailOwner.customerId).toBe(customers[0].id);
  });

  it("GIVEN a guest who later gets a Shopify account THEN the guest customer adopts the Shopify id", async () => {
    const guestOrder = { ...webhookFixture("orders/create"), customer: null };
    await deliverAndProcess("orders/create", guestOrder);
    await deliverAndProcess("customers/create", webhookFixture("customers/create"));

    const customers = await db().customer.findMany();
    expect(customers).toHaveLength(1);
    expect(customers[0].shopifyCustomerId).toBe(CUSTOMER_ID);
  });
});

describe("customer consent", () => {
  const consentRows = async () =>
    Object.fromEntries(
      (await db().consent.findMany()).map((c) => [c.channel, `${c.state}@${c.occurredAt.toISOString()}`]),
    );
  const emailConsent = (state: string, at: string) => ({
    ...webhookFixture("customers/email_marketing_consent_update"),
    email_marketing_consent: { state, opt_in_level: "single_opt_in", consent_updated_at: at },
  });

  it("GIVEN customers/* payloads (2026-10: no consent fields) THEN they write no consent", async () => {
    await deliverAndProcess("customers/create", webhookFixture("customers/create"));
    await deliverAndProcess("customers/update", webhookFixture("customers/update"));
    expect(await db().consent.count()).toBe(0);
    const customer = await db().customer.findFirstOrThrow();
    expect(customer).toMatchObject({ ordersCount: 1 });
    expect(customer.totalSpent.toString()).toBe("64.5");
  });

  it("GIVEN a subscribed customer WHEN customers/email_marketing_consent_update says unsubscribed THEN email marketing is revoked, dated by Shopify", async () => {
    await deliverAndProcess("customers/create", webhookFixture("customers/create"));
    await deliverAndProcess(
      "customers/email_marketing_consent_update",
      emailConsent("subscribed", "2026-11-20T14:02:11-05:00"),
    );
    expect(await consentRows()).toEqual({ EMAIL: "GRANTED@2026-11-20T19:02:11.000Z" });

    const receipt = await deliverAndProcess(
      "customers/email_marketing_consent_update",
      webhookFixture("customers/email_marketing_consent_update"),
    );

    expect(receipt.status).toBe("PROCESSED");
    const customer = await db().customer.findFirstOrThrow({ include: { consents: true } });
    expect(customer.shopifyCustomerId).toBe(CUSTOMER_ID);
    expect(customer.consents).toMatchObject([
      { channel: "EMAIL", purpose: "MARKETING", state: "REVOKED", source: "SHOPIFY_CUSTOMER" },
    ]);
    expect(customer.consents[0].occurredAt.toISOString()).toBe("2026-11-25T17:00:00.000Z");
    expect(await db().customer.count()).toBe(1);
    expect(await db().shopifyConsentSync.count()).toBe(0); // Shopify's own change is never echoed back
  });

  it("GIVEN customers/marketing_consent_update says unsubscribed THEN SMS marketing is revoked for that customer", async () => {
    await deliverAndProcess("customers/create", webhookFixture("customers/create"));
    await deliverAndProcess("customers/marketing_consent_update", {
      ...webhookFixture<Record<string, unknown>>("customers/marketing_consent_update"),
      sms_marketing_consent: {
        state: "subscribed",
        opt_in_level: "single_opt_in",
        consent_updated_at: "2026-11-22T09:15:40-05:00",
        consent_collected_from: "SHOPIFY",
      },
    });
    await deliverAndProcess("customers/marketing_consent_update", webhookFixture("customers/marketing_consent_update"));

    expect(await consentRows()).toEqual({ SMS: "REVOKED@2026-11-25T17:00:00.000Z" });
    expect(await db().timelineEvent.count({ where: { type: "CONSENT_CHANGED" } })).toBe(2);
  });

  it("GIVEN an opt-out THEN an older grant is ignored, a grant at the same instant is ignored, a newer grant applies; duplicates change nothing", async () => {
    const revokedAt = "2026-11-25T12:00:00-05:00";
    await deliverAndProcess("customers/email_marketing_consent_update", emailConsent("unsubscribed", revokedAt));
    const revoked = { EMAIL: "REVOKED@2026-11-25T17:00:00.000Z" };

    await deliverAndProcess(
      "customers/email_marketing_consent_update",
      emailConsent("subscribed", "2026-11-25T11:59:00-05:00"),
    );
    expect(await consentRows()).toEqual(revoked);
    await deliverAndProcess("customers/email_marketing_consent_update", emailConsent("subscribed", revokedAt));
    expect(await consentRows()).toEqual(revoked);
    await deliverAndProcess("customers/email_marketing_consent_update", emailConsent("unsubscribed", revokedAt));
    expect(await db().timelineEvent.count({ where: { type: "CONSENT_CHANGED" } })).toBe(1);

    await deliverAndProcess(
      "customers/email_marketing_consent_update",
      emailConsent("subscribed", "2026-11-25T12:00:01-05:00"),
    );
    expect(await consentRows()).toEqual({ EMAIL: "GRANTED@2026-11-25T17:00:01.000Z" });
    expect(await db().timelineEvent.count({ where: { type: "CONSENT_CHANGED" } })).toBe(2);
  });

  it("GIVEN a 64-bit customer id beyond JavaScript's safe integers THEN the consent lands on exactly that Shopify customer", async () => {
    // Raw bytes, as Shopify sends them: a bare JSON number that a JS number would round.
    const raw =
      '{"customer_id":820982911946154508,"email_address":"big.id@example.com",' +
      '"email_marketing_consent":{"state":"unsubscribed","opt_in_level":"single_opt_in","consent_updated_at":"2026-11-25T12:00:00-05:00"}}';
    const receipt = await deliverAndProcess("customers/email_marketing_consent_update", raw);

    expect(receipt.status).toBe("PROCESSED");
    const customer = await db().customer.findFirstOrThrow({ include: { consents: true } });
    expect(customer.shopifyCustomerId).toBe(820982911946154508n);
    expect(customer.consents).toMatchObject([{ channel: "EMAIL", state: "REVOKED" }]);
  });

  it("GIVEN a consent webhook without an exact customer id THEN it is processed, logged and changes nothing", async () => {
    const receipt = await deliverAndProcess("customers/marketing_consent_update", {
      ...webhookFixture<Record<string, unknown>>("customers/marketing_consent_update"),
      id: null,
    });
    expect(receipt.status).toBe("PROCESSED");
    expect(await rowCounts()).toMatchObject({ customers: 0, consents: 0 });
  });
});

describe("shops and app lifecycle", () => {
  it("GIVEN a shop that is not installed WHEN a commerce webhook is processed THEN it is marked processed and ignored", async () => {
    const receipt = await deliverAndProcess("orders/create", webhookFixture("orders/create"), {
      shopDomain: "not-installed.myshopify.com",
    });
    expect(receipt.status).toBe("PROCESSED");
    expect(await db().order.count()).toBe(0);
    expect(await db().customer.count()).toBe(0);
  });

  it("GIVEN app/scopes_update THEN the shop's access scopes follow payload.current", async () => {
    await deliverAndProcess("app/scopes_update", webhookFixture("app/scopes_update"));
    expect((await db().shop.findUniqueOrThrow({ where: { id: shopId } })).accessScopes).toBe(
      "read_customers,write_customers,read_orders,read_fulfillments,read_products,write_app_proxy",
    );
  });

  it("GIVEN app/uninstalled THEN the shop, everything it owns and its sessions are deleted", async () => {
    await deliverAndProcess("orders/create", webhookFixture("orders/create"));
    await createOfflineSession();

    const receipt = await deliverAndProcess("app/uninstalled", webhookFixture("app/uninstalled"));

    expect(receipt.status).toBe("PROCESSED");
    expect(await db().shop.count()).toBe(0);
    expect(await db().session.count()).toBe(0);
    expect(await rowCounts()).toEqual({
      customers: 0,
      identities: 0,
      orders: 0,
      checkouts: 0,
      fulfillments: 0,
      events: 0,
      consents: 0,
    });
  });
});

describe("the BullMQ worker", () => {
  it("GIVEN a running webhooks worker WHEN a webhook is posted THEN the worker processes its receipt", async () => {
    const worker = await startWorkers({ queues: ["webhooks"], schedule: false, reconcileOnStart: false });
    try {
      const response = await action({
        request: signedWebhookRequest({ topic: "orders/create", body: webhookFixture("orders/create") }),
        params: {},
        context: {},
      });
      expect(response.status).toBe(200);
      const deadline = Date.now() + 15_000;
      let status = "RECEIVED";
      while (status !== "PROCESSED" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await db().webhookReceipt.findFirstOrThrow()).status;
      }
      expect(status).toBe("PROCESSED");
      expect(await db().order.count()).toBe(1);
    } finally {
      await worker.close();
    }
  });
});
