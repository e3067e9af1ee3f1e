// Mandatory compliance webhooks: customers/redact, customers/data_request, shop/redact.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { createConversationWithMessage, createOfflineSession, createShop } from "../support/factories";
import { deliverAndProcess, webhookFixture } from "../support/shopify-webhook";

const CUSTOMER_ID = 7218835865913n;

interface CustomerExport {
  shopifyDataRequestId: string;
  customers: Array<{
    id: string;
    shopifyCustomerId: string;
    email: string;
    identities: Array<{ kind: string }>;
    consents: Array<{ channel: string; state: string }>;
    conversations: Array<{ messages: Array<{ body: string }> }>;
    timelineEvents: Array<{ type: string }>;
  }>;
  orders: Array<{ name: string }>;
  checkouts: unknown[];
  fulfillments: unknown[];
}
let shopId: string;

/** Jane: a customer with an order, a checkout, a fulfillment, consent and a conversation. */
async function givenJaneWithHistory() {
  await deliverAndProcess("checkouts/create", webhookFixture("checkouts/create"));
  await deliverAndProcess("orders/updated", webhookFixture("orders/updated"));
  const jane = await db().customer.findUniqueOrThrow({
    where: { shopId_shopifyCustomerId: { shopId, shopifyCustomerId: CUSTOMER_ID } },
  });
  const { message } = await createConversationWithMessage(shopId, jane.id, "Hi, where is my linen throw?");
  return { jane, message };
}

/** Someone else, who must be left alone. */
async function givenAnotherCustomer() {
  const other = {
    ...webhookFixture("orders/create"),
    id: 5912345679999,
    name: "#1002",
    checkout_token: "other-token",
    email: "sam.lee@example.com",
    contact_email: "sam.lee@example.com",
    customer: {
      ...webhookFixture("orders/create").customer,
      id: 7218835860000,
      email: "sam.lee@example.com",
      phone: "+16135550177",
      default_address: null,
    },
  };
  await deliverAndProcess("orders/create", other);
  await deliverAndProcess("customers/email_marketing_consent_update", {
    customer_id: other.customer.id,
    email_address: other.email,
    email_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: null },
  });
}

beforeEach(async () => {
  await db().shop.deleteMany();
  await db().session.deleteMany();
  await db().webhookReceipt.deleteMany();
  shopId = (await createShop()).id;
});

describe("customers/redact", () => {
  it("GIVEN a customer with orders, checkouts and messages WHEN redacted THEN their personal data is gone everywhere", async () => {
    const { message } = await givenJaneWithHistory();
    await givenAnotherCustomer();

    const receipt = await deliverAndProcess("customers/redact", webhookFixture("customers/redact"));

    expect(receipt.status).toBe("PROCESSED");
    expect(await db().customer.findMany({ where: { shopifyCustomerId: CUSTOMER_ID } })).toEqual([]);
    expect(await db().message.findUnique({ where: { id: message.id } })).toBeNull();
    expect(await db().message.count({ where: { body: { contains: "linen throw" } } })).toBe(0);
    expect(
      await db().customerIdentity.count({ where: { value: { in: ["jane.cooper@example.com", "+16135550142"] } } }),
    ).toBe(0);
    expect(await db().consent.count()).toBe(1); // Sam's

    const order = await db().order.findFirstOrThrow({ where: { shopifyOrderId: 5912345678901n } });
    expect(order).toMatchObject({ email: null, phone: null, shippingAddress: null, customerId: null, name: "#1001" });
    const checkout = await db().checkout.findFirstOrThrow({ where: { token: "f7a1c2d3e4b5a6978899aabbccddeeff" } });
    expect(checkout).toMatchObject({
      email: null,
      phone: null,
      shippingAddress: null,
      customerId: null,
      abandonedCheckoutUrl: null,
    });

    const receipts = await db().webhookReceipt.findMany();
    expect(
      receipts.some(
        (r) => JSON.stringify(r.payload).includes("jane.cooper@example.com") && r.topic !== "customers/redact",
      ),
    ).toBe(false);

    const sam = await db().customer.findFirstOrThrow({ where: { email: "sam.lee@example.com" } });
    expect((await db().order.findFirstOrThrow({ where: { shopifyOrderId: 5912345679999n } })).customerId).toBe(sam.id);
  });

  it("GIVEN a guest order listed in orders_to_redact THEN that order is scrubbed too", async () => {
    const guest = {
      ...webhookFixture("orders/create"),
      id: 5912345670001,
      customer: null,
      email: "old-address@example.com",
      contact_email: null,
      checkout_token: null,
    };
    await deliverAndProcess("orders/create", guest);
    const payload = { ...webhookFixture("customers/redact"), orders_to_redact: [5912345670001] };

    await deliverAndProcess("customers/redact", payload);

    expect(await db().order.findFirstOrThrow()).toMatchObject({ email: null, customerId: null });
  });
});

describe("customers/data_request", () => {
  it("GIVEN a customer with history WHEN their data is requested THEN a DataRequest export holds all of it", async () => {
    const { jane } = await givenJaneWithHistory();
    await givenAnotherCustomer();

    await deliverAndProcess("customers/data_request", webhookFixture("customers/data_request"));

    const request = await db().dataRequest.findFirstOrThrow();
    expect(request).toMatchObject({ shopId, shopifyCustomerId: CUSTOMER_ID, email: "jane.cooper@example.com" });
    const exported = request.export as unknown as CustomerExport;
    expect(exported.shopifyDataRequestId).toBe("9999");
    expect(exported.customers).toHaveLength(1);
    const [customer] = exported.customers;
    expect(customer).toMatchObject({
      id: jane.id,
      shopifyCustomerId: CUSTOMER_ID.toString(),
      email: "jane.cooper@example.com",
    });
    expect(customer.identities.map((i) => i.kind).sort()).toEqual(["EMAIL", "PHONE", "SHOPIFY_CUSTOMER"]);
    expect(customer.consents[0]).toMatchObject({ channel: "EMAIL", state: "GRANTED" });
    expect(customer.conversations[0].messages[0].body).toBe("Hi, where is my linen throw?");
    expect(customer.timelineEvents.map((e) => e.type)).toEqual(
      expect.arrayContaining(["ORDER_PLACED", "CHECKOUT_STARTED"]),
    );
    expect(exported.orders.map((o) => o.name)).toEqual(["#1001"]);
    expect(exported.checkouts).toHaveLength(1);
    expect(exported.fulfillments).toHaveLength(1);
    expect(JSON.stringify(exported)).not.toContain("sam.lee@example.com");
  });

  it("GIVEN the same data request delivered as a new event THEN there is still one export", async () => {
    await givenJaneWithHistory();
    await deliverAndProcess("customers/data_request", webhookFixture("customers/data_request"));
    await deliverAndProcess("customers/data_request", webhookFixture("customers/data_request"));
    expect(await db().dataRequest.count()).toBe(1);
  });
});

describe("shop/redact", () => {
  it("GIVEN an uninstalled shop's data WHEN shop/redact arrives THEN the shop, its data, sessions and receipts are deleted", async () => {
    await givenJaneWithHistory();
    await createOfflineSession();

    const receipt = await deliverAndProcess("shop/redact", webhookFixture("shop/redact"));

    expect(receipt.status).toBe("PROCESSED");
    expect(await db().shop.count()).toBe(0);
    expect(await db().session.count()).toBe(0);
    expect(await db().customer.count()).toBe(0);
    expect(await db().message.count()).toBe(0);
    expect(await db().order.count()).toBe(0);
    expect((await db().webhookReceipt.findMany()).map((r) => r.topic)).toEqual(["shop/redact"]);
  });
});
