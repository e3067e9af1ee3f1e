// customers/redact leaves nothing personal behind (issue 10, item 3): after a
// redaction, no text or JSON column of any table holds the customer's email,
// phone, name or street, however the data arrived (signed webhooks, inbound
// messages, a merge, a data request). And webhook payloads are not kept longer
// than the retention period, nor at all for a shop that is not installed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { mergeCustomers } from "../../app/customers/merge/merge.server";
import { setConversationStatus } from "../../app/conversations/state.server";
import { purgeWebhookPayloads } from "../../app/webhooks/payload-retention.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { scheduleRepeatableJobs } from "../../app/jobs/schedule.server";
import { JOB, QUEUE } from "../../app/jobs/queues.server";
import { deliverAndProcess, webhookFixture } from "../support/shopify-webhook";
import { inboundSms, postTwilioSigned, startSendingEnv, type SendingEnv } from "./sending-helpers";

const JANE_SHOPIFY_ID = 7218835865913n;
const ORDER_WITH_EMAIL = 5912345678901;
const GUEST_ORDER_WITHOUT_EMAIL = 5912345670002;
const WORK_PHONE = "+16135550199";

/** What must not be found anywhere once Jane is redacted. */
const JANE = {
  email: "jane.cooper@example.com",
  phoneDigits: "6135550142",
  workPhoneDigits: "6135550199",
  firstName: "Jane",
  lastName: "Cooper",
  street: "Elgin Street",
};
/** Sam is somebody else: the same scan must still find him. */
const SAM = { email: "sam.lee@example.com", lastName: "Lindqvist", street: "Bank Street" };

let env: SendingEnv;
beforeAll(async () => {
  env = await startSendingEnv();
});
afterAll(async () => {
  await env?.close();
});

/** Sam's order: the fixture with every personal value swapped for his. */
function samsOrder() {
  const text = JSON.stringify(webhookFixture("orders/create"))
    .replaceAll("jane.cooper@example.com", SAM.email)
    .replaceAll("Jane", "Sam")
    .replaceAll("Cooper", SAM.lastName)
    .replaceAll("150 Elgin Street", `9 ${SAM.street}`)
    .replaceAll("613-555-0142", "613-555-0177")
    .replaceAll("+16135550142", "+16135550177")
    .replaceAll(String(JANE_SHOPIFY_ID), "7218835860000")
    .replaceAll(String(ORDER_WITH_EMAIL), "5912345679999")
    .replaceAll("f7a1c2d3e4b5a6978899aabbccddeeff", "sams-checkout-token")
    .replaceAll("34567890123456", "34567890129999");
  return { ...JSON.parse(text), name: "#1002" };
}

/** A guest order that names Jane only by her name, street and phone: no email anywhere in it. */
function guestOrderWithoutEmail() {
  const order = webhookFixture("orders/create");
  return {
    ...order,
    id: GUEST_ORDER_WITHOUT_EMAIL,
    admin_graphql_api_id: `gid://shopify/Order/${GUEST_ORDER_WITHOUT_EMAIL}`,
    name: "#1003",
    email: null,
    contact_email: null,
    phone: null,
    customer: null,
    checkout_token: null,
    checkout_id: null,
  };
}

async function givenJaneEverywhere() {
  await deliverAndProcess("customers/create", webhookFixture("customers/create"));
  await deliverAndProcess("checkouts/create", webhookFixture("checkouts/create"));
  await deliverAndProcess("orders/create", webhookFixture("orders/create"));
  const guest = guestOrderWithoutEmail();
  expect(JSON.stringify(guest)).not.toContain(JANE.email);
  await deliverAndProcess("orders/create", guest);
  await deliverAndProcess("fulfillments/create", webhookFixture("fulfillments/create"));
  const inbound = `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`;
  const sms = await postTwilioSigned(inbound, inboundSms("+16135550142", "Hi, Jane Cooper here, 150 Elgin Street"));
  expect(sms.status).toBe(200);
  // The same person from her work phone: a second customer, which staff merge into Jane.
  const work = await postTwilioSigned(inbound, inboundSms(WORK_PHONE, "Jane again, from work. Any news?"));
  expect(work.status).toBe(200);
  const jane = await db().customer.findFirstOrThrow({ where: { shopifyCustomerId: JANE_SHOPIFY_ID } });
  const workCustomer = await db().customer.findFirstOrThrow({ where: { shopId: env.shopId, phone: WORK_PHONE } });
  // The work-phone customer survives, so Jane's row stays behind (mergedIntoId) with her name on it.
  await mergeCustomers(env.shopId, workCustomer.id, jane.id, { id: "staff-1", name: "Robin" });
  await db().shopifyConsentSync.create({
    data: {
      shopId: env.shopId,
      customerId: workCustomer.id,
      shopifyCustomerId: JANE_SHOPIFY_ID,
      channel: "SMS",
      state: "REVOKED",
      occurredAt: new Date(),
      idempotencyKey: `${workCustomer.id}:SMS:REVOKED:1`,
    },
  });
  // Her satisfaction survey answer, with her own words in the comment (app/csat/).
  const smsMessage = await db().message.findFirstOrThrow({
    where: { shopId: env.shopId, body: { contains: "Elgin" } },
  });
  await db().csatSurvey.create({
    data: {
      shopId: env.shopId,
      conversationId: smsMessage.conversationId,
      customerId: smsMessage.customerId,
      channel: "SMS",
      state: "ANSWERED",
      token: `csat-token-${smsMessage.id}`,
      score: 5,
      comment: "Jane Cooper says thanks from 150 Elgin Street",
      answeredAt: new Date(),
    },
  });
  await deliverAndProcess("customers/data_request", webhookFixture("customers/data_request"));
  return { workCustomerId: workCustomer.id };
}

interface Hit {
  table: string;
  column: string;
  needle: string;
}

/** Every text, varchar, text[], json and jsonb column of every table in this test's schema. */
async function scanEveryColumn(needles: string[], digitNeedles: string[]): Promise<Hit[]> {
  const columns = await db().$queryRaw<Array<{ table_name: string; column_name: string }>>`
    SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema()
       AND (data_type IN ('text', 'character varying', 'json', 'jsonb') OR udt_name IN ('_text', '_varchar'))
     ORDER BY table_name, column_name`;
  expect(columns.length).toBeGreaterThan(50);
  const hits: Hit[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const ref = `"${table}"."${column}"`;
    for (const needle of needles) {
      const [{ n }] = await db().$queryRawUnsafe<Array<{ n: bigint }>>(
        `SELECT count(*) AS n FROM "${table}" WHERE ${ref}::text ILIKE $1`,
        `%${needle}%`,
      );
      if (n > 0n) hits.push({ table, column, needle });
    }
    for (const digits of digitNeedles) {
      const [{ n }] = await db().$queryRawUnsafe<Array<{ n: bigint }>>(
        `SELECT count(*) AS n FROM "${table}" WHERE regexp_replace(${ref}::text, '[^0-9]', '', 'g') LIKE $1`,
        `%${digits}%`,
      );
      if (n > 0n) hits.push({ table, column, needle: digits });
    }
  }
  return hits;
}

describe("customers/redact", () => {
  it("GIVEN Jane's data from webhooks, inbound messages, a merge and a data request WHEN she is redacted THEN no column of any table holds her email, phone, name or street", async () => {
    await givenJaneEverywhere();
    await deliverAndProcess("orders/create", samsOrder());
    const janeNeedles = [JANE.email, JANE.firstName, JANE.lastName, JANE.street, "555-0142", "555-0199"];
    const janeDigits = [JANE.phoneDigits, JANE.workPhoneDigits];
    // The scan sees her before (so it is looking in the right places).
    const before = await scanEveryColumn(janeNeedles, janeDigits);
    expect(before.map((h) => h.table)).toEqual(
      expect.arrayContaining([
        "Customer",
        "Order",
        "Checkout",
        "Message",
        "WebhookReceipt",
        "CustomerMerge",
        "CsatSurvey",
      ]),
    );

    const receipt = await deliverAndProcess("customers/redact", {
      ...webhookFixture<Record<string, unknown>>("customers/redact"),
      orders_to_redact: [ORDER_WITH_EMAIL, GUEST_ORDER_WITHOUT_EMAIL],
    });

    expect(receipt.status).toBe("PROCESSED");
    expect(await scanEveryColumn(janeNeedles, janeDigits)).toEqual([]);
    expect(await db().customerMerge.count({ where: { shopId: env.shopId } })).toBe(0);
    expect(await db().shopifyConsentSync.count({ where: { shopId: env.shopId } })).toBe(0);
    expect(await db().dataRequest.count({ where: { shopId: env.shopId } })).toBe(0);
    // Receipts stay, emptied, so that Shopify's retries are still recognised as duplicates.
    const receipts = await db().webhookReceipt.findMany({ where: { payloadPurgedAt: { not: null } } });
    expect(receipts.map((r) => r.topic).sort()).toEqual([
      "checkouts/create",
      "customers/create",
      "customers/data_request",
      "customers/redact",
      "fulfillments/create",
      "orders/create",
      "orders/create",
    ]);
    expect(receipts.every((r) => JSON.stringify(r.payload) === "{}" && r.status === "PROCESSED")).toBe(true);
    const samsReceipt = await db().webhookReceipt.findFirstOrThrow({ where: { payloadPurgedAt: null } });
    expect(JSON.stringify(samsReceipt.payload)).toContain(SAM.email);
    // The orders stay for the merchant's figures.
    expect(await db().order.count({ where: { shopId: env.shopId } })).toBe(3);
    // Sam is untouched.
    const sam = await scanEveryColumn([SAM.email, SAM.lastName, SAM.street], ["6135550177"]);
    expect(sam.map((h) => `${h.table}.${h.column}`)).toEqual(
      expect.arrayContaining(["Customer.email", "Order.shippingAddress", "WebhookReceipt.payload"]),
    );

    // Running it again finds nothing more to do, and fails on nothing.
    const again = await deliverAndProcess("customers/redact", webhookFixture("customers/redact"));
    expect(again.status).toBe("PROCESSED");
    expect(await scanEveryColumn(janeNeedles, janeDigits)).toEqual([]);
  });
});

describe("customers/redact and suggested articles", () => {
  /** A customer writes by SMS, staff answer, the conversation is resolved: one suggested draft. */
  async function minedDraftFor(phone: string, question: string, answer: string) {
    const inbound = `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`;
    expect((await postTwilioSigned(inbound, inboundSms(phone, question))).status).toBe(200);
    const customer = await db().customer.findFirstOrThrow({ where: { shopId: env.shopId, phone } });
    const conversation = await db().conversation.findFirstOrThrow({ where: { customerId: customer.id } });
    await db().message.create({
      data: {
        shopId: env.shopId,
        conversationId: conversation.id,
        customerId: customer.id,
        direction: "OUTBOUND",
        channel: "SMS",
        author: "STAFF",
        body: answer,
        deliveryStatus: "SENT",
        idempotencyKey: `staff-test-${conversation.id}`,
      },
    });
    await setConversationStatus(env.shopId, conversation.id, "RESOLVED", {}, { id: "staff-1", name: "Robin" });
    return db().knowledgeArticle.findFirstOrThrow({
      where: { shopId: env.shopId, source: "SUGGESTED", sourceRef: { startsWith: `conversation:${conversation.id}:` } },
    });
  }

  it("GIVEN drafts mined from two customers' conversations WHEN one customer is redacted THEN their drafts are deleted and the other's stay", async () => {
    const leaving = await minedDraftFor(
      "+16135550166",
      "Do you repair zippers on jackets bought last year?",
      "Yes, free within two years: send it to our workshop.",
    );
    const staying = await minedDraftFor(
      "+16135550177",
      "Do you engrave leather wallets with initials?",
      "Yes, up to three letters, free of charge.",
    );

    const receipt = await deliverAndProcess("customers/redact", {
      ...webhookFixture<Record<string, unknown>>("customers/redact"),
      customer: { id: 7218835869999, email: null, phone: "+16135550166" },
      orders_to_redact: [],
    });

    expect(receipt.status).toBe("PROCESSED");
    expect(await db().knowledgeArticle.findUnique({ where: { id: leaving.id } })).toBeNull();
    expect(await db().knowledgeSection.count({ where: { articleId: leaving.id } })).toBe(0);
    expect(await db().knowledgeArticle.findUnique({ where: { id: staying.id } })).toMatchObject({
      title: "Do you engrave leather wallets with initials?",
      status: "DRAFT",
    });
    expect(await scanEveryColumn(["repair zippers"], ["6135550166"])).toEqual([]);
  });
});

describe("webhook payload retention", () => {
  async function receiptAgedDays(days: number, topic = "orders/create", shopDomain?: string) {
    const receipt = await deliverAndProcess(topic, samsOrder(), shopDomain ? { shopDomain } : {});
    const at = new Date(Date.now() - days * 24 * 60 * 60_000);
    await db().webhookReceipt.update({ where: { id: receipt.id }, data: { receivedAt: at, processedAt: at } });
    return receipt.id;
  }

  it("GIVEN processed receipts older and younger than 30 days WHEN the retention sweep runs THEN only the older ones lose their payload", async () => {
    const old = await receiptAgedDays(31);
    const young = await receiptAgedDays(29);

    const result = await purgeWebhookPayloads();

    expect(result.expired).toBeGreaterThanOrEqual(1);
    const oldRow = await db().webhookReceipt.findUniqueOrThrow({ where: { id: old } });
    expect(oldRow.payload).toEqual({});
    expect(oldRow.payloadPurgedAt).not.toBeNull();
    expect(oldRow.status).toBe("PROCESSED");
    const youngRow = await db().webhookReceipt.findUniqueOrThrow({ where: { id: young } });
    expect(JSON.stringify(youngRow.payload)).toContain(SAM.email);
    expect(youngRow.payloadPurgedAt).toBeNull();
  });

  it("GIVEN a shop that is not installed WHEN its webhook is processed THEN its payload is not kept; compliance topics still run first", async () => {
    const orders = await deliverAndProcess("orders/create", samsOrder(), { shopDomain: "gone-shop.myshopify.com" });
    expect(orders.status).toBe("PROCESSED");
    expect(orders.payload).toEqual({});
    expect(orders.payloadPurgedAt).not.toBeNull();
    const redact = await deliverAndProcess("shop/redact", webhookFixture("shop/redact"), {
      shopDomain: "gone-shop.myshopify.com",
    });
    expect(redact).toMatchObject({ status: "PROCESSED", payload: {} });

    // An installed shop's receipt keeps its payload until the retention period ends.
    const installed = await deliverAndProcess("orders/create", samsOrder());
    expect(JSON.stringify(installed.payload)).toContain(SAM.email);
    expect(installed.payloadPurgedAt).toBeNull();
  });

  it("GIVEN an uninstalled shop's processed receipt kept from before WHEN the sweep runs THEN its payload goes whatever its age", async () => {
    const shop = await db().shop.create({ data: { domain: "paused-shop.myshopify.com", name: "Paused" } });
    const receipt = await deliverAndProcess("orders/create", samsOrder(), { shopDomain: shop.domain });
    expect(JSON.stringify(receipt.payload)).toContain(SAM.email);
    await db().shop.update({ where: { id: shop.id }, data: { uninstalledAt: new Date() } });

    const result = await purgeWebhookPayloads();

    expect(result.notInstalled).toBeGreaterThanOrEqual(1);
    expect((await db().webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } })).payload).toEqual({});
  });

  it("GIVEN the workers' schedules WHEN set up THEN the retention sweep repeats under one fixed scheduler id", async () => {
    await scheduleRepeatableJobs();
    await scheduleRepeatableJobs();
    const schedulers = await getQueue(QUEUE.maintenance).getJobSchedulers();
    const sweeps = schedulers.filter((s) => s.key === JOB.purgeWebhookPayloads);
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0].every).toBe(60 * 60_000);
  });
});
