// Order tracking with verification (app/order-tracking/, decision 0034), end to end: customers
// write through each channel's signed webhook (Twilio SMS and WhatsApp, SendGrid Inbound Parse,
// Meta Messenger and Instagram, the storefront chat behind the signed app proxy); real workers
// decide and send; the order is read live from the Shopify Admin API stand-in, and what the
// customer got is read back from each channel's stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { setConversationStatus } from "../../app/conversations/state.server";
import { db } from "../../app/db/client.server";
import { saveBrandVoice } from "../../app/knowledge/brand-voice.server";
import { trackOrder } from "../../app/order-tracking/track-order.server";
import { action as tryIt } from "../../app/routes/app.knowledge.try";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import {
  seedOfflineSession,
  startFakeShopifyAdmin,
  type FakeOrder,
  type FakeShopDataset,
  type FakeShopifyAdmin,
} from "../fakes/shopify-admin";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import {
  conversationOf,
  decided,
  NOTICE,
  receivedExactly,
  startChannelsEnv,
  type ChannelDriver,
  type ChannelsEnv,
  type Party,
} from "./auto-answers-channels-support";
import { createCustomer } from "./sending-helpers";

let env: ChannelsEnv;
let shopify: FakeShopifyAdmin;

const KNOWN_CUSTOMER_ID = 9001n;
const GUEST_EMAIL = "guest@mail.example.net";

const fulfillment = (over: Partial<FakeOrder["fulfillments"][number]>): FakeOrder["fulfillments"][number] => ({
  id: "gid://shopify/Fulfillment/1",
  status: "SUCCESS",
  displayStatus: "IN_TRANSIT",
  trackingInfo: [],
  deliveredAt: null,
  estimatedDeliveryAt: null,
  createdAt: "2026-11-28T10:00:00Z",
  updatedAt: "2026-11-28T10:00:00Z",
  ...over,
});

function order(n: number, over: Partial<FakeOrder>): FakeOrder {
  return {
    id: `gid://shopify/Order/${5000 + n}`,
    name: `#${n}`,
    customerId: null,
    email: null,
    phone: null,
    customerLocale: "en",
    currencyCode: "USD",
    totalPriceSet: { shopMoney: { amount: "49.00", currencyCode: "USD" } },
    displayFinancialStatus: "PAID",
    displayFulfillmentStatus: "FULFILLED",
    statusPageUrl: `https://${TEST_SHOP_DOMAIN}/orders/${n}`,
    processedAt: "2026-11-28T10:00:00Z",
    cancelledAt: null,
    createdAt: "2026-11-28T10:00:00Z",
    updatedAt: "2026-11-28T10:00:00Z",
    shippingAddress: null,
    lineItems: [],
    fulfillments: [],
    ...over,
  };
}

const address = (zip: string) => ({
  firstName: null,
  lastName: null,
  address1: null,
  city: null,
  province: null,
  zip,
  countryCodeV2: null,
  phone: null,
});

const DATASET: FakeShopDataset = {
  shop: {
    domain: TEST_SHOP_DOMAIN,
    name: "Threadline Demo",
    email: "owner@shop.example.com",
    currencyCode: "USD",
    ianaTimezone: "America/New_York",
    primaryLocale: "en",
    primaryDomain: { host: "shop.example.com", url: "https://shop.example.com" },
  },
  customers: [
    {
      id: `gid://shopify/Customer/${KNOWN_CUSTOMER_ID}`,
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@mail.example.net",
      phone: null,
      locale: "en",
      numberOfOrders: "2",
      amountSpent: { amount: "98.00", currencyCode: "USD" },
      defaultEmailAddress: null,
      defaultPhoneNumber: null,
      defaultAddress: null,
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-11-28T10:00:00Z",
    },
  ],
  orders: [
    // The known customer's older order, delivered, and their latest, on its way.
    order(1001, {
      customerId: `gid://shopify/Customer/${KNOWN_CUSTOMER_ID}`,
      processedAt: "2026-11-01T10:00:00Z",
      fulfillments: [fulfillment({ displayStatus: "DELIVERED", deliveredAt: "2026-11-04T18:00:00Z" })],
    }),
    order(1002, {
      customerId: `gid://shopify/Customer/${KNOWN_CUSTOMER_ID}`,
      email: "ada@mail.example.net",
      shippingAddress: address("10001"),
      fulfillments: [
        fulfillment({
          trackingInfo: [
            {
              company: "UPS",
              number: "1Z999AA10123456784",
              url: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
            },
          ],
          // 03:00 UTC on the 5th is still Friday the 4th in the shop's zone (New York).
          estimatedDeliveryAt: "2026-12-05T03:00:00Z",
        }),
      ],
    }),
    // Guest orders: only their number plus the email or postcode used for them reveal them.
    order(1003, {
      email: GUEST_EMAIL,
      shippingAddress: address("28013"),
      fulfillments: [
        fulfillment({
          trackingInfo: [{ company: "SEUR", number: "SE123456789ES", url: "https://www.seur.com/track/SE123456789ES" }],
          estimatedDeliveryAt: "2026-12-07T15:00:00Z",
        }),
      ],
    }),
    order(1004, {
      email: "marie@exemple.fr",
      shippingAddress: address("75001"),
      fulfillments: [
        fulfillment({
          displayStatus: "OUT_FOR_DELIVERY",
          trackingInfo: [
            {
              company: "Colissimo",
              number: "6A12345678901",
              url: "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901",
            },
          ],
          estimatedDeliveryAt: "2026-12-03T16:00:00Z",
        }),
      ],
    }),
  ],
  abandonedCheckouts: [],
};

// Brand voice greetings (English, Spanish; none in French) prove every order reply goes through it.
const ASK = {
  en: "Hi there!\n\nI can check that for you. Please send the order number and the email address or postcode used for the order.",
  es: "¡Hola!\n\nPuedo comprobarlo. Envíame el número de pedido y el correo electrónico o el código postal que usaste para el pedido.",
  fr: "Je peux vérifier cela. Envoyez-moi le numéro de commande et l'adresse e-mail ou le code postal utilisés pour la commande.",
};
const NOT_FOUND = {
  en: "Hi there!\n\nI could not find an order matching those details. Please check the order number and the email address or postcode used for the order.",
  es: "¡Hola!\n\nNo encontré ningún pedido que coincida con esos datos. Comprueba el número de pedido y el correo electrónico o el código postal que usaste para el pedido.",
  fr: "Je n'ai trouvé aucune commande correspondant à ces informations. Vérifiez le numéro de commande et l'adresse e-mail ou le code postal utilisés pour la commande.",
};
const STATUS_1002_EN = [
  "Hi there!",
  "",
  "Your order #1002 is on its way.",
  "Carrier: UPS",
  "Tracking number: 1Z999AA10123456784",
  "Track it: https://www.ups.com/track?tracknum=1Z999AA10123456784",
  "Estimated delivery: Friday, December 4",
].join("\n");
const STATUS_1003 = {
  en: [
    "Hi there!",
    "",
    "Your order #1003 is on its way.",
    "Carrier: SEUR",
    "Tracking number: SE123456789ES",
    "Track it: https://www.seur.com/track/SE123456789ES",
    "Estimated delivery: Monday, December 7",
  ].join("\n"),
  es: [
    "¡Hola!",
    "",
    "Tu pedido #1003 está en camino.",
    "Transportista: SEUR",
    "Número de seguimiento: SE123456789ES",
    "Seguimiento: https://www.seur.com/track/SE123456789ES",
    "Entrega estimada: lunes, 7 de diciembre",
  ].join("\n"),
};
const STATUS_1004_FR = [
  "Votre commande #1004 est en cours de livraison.",
  "Transporteur : Colissimo",
  "Numéro de suivi : 6A12345678901",
  "Suivi : https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901",
  "Livraison estimée : jeudi 3 décembre",
].join("\n");

beforeAll(async () => {
  // A slow restore rate: a drained bucket stays short of a lookup's cost for seconds, longer than
  // the message takes to reach the lookup.
  shopify = await startFakeShopifyAdmin({ dataset: DATASET, bucket: { maximumAvailable: 1000, restoreRate: 5 } });
  process.env.SHOPIFY_ADMIN_API_BASE_URL = shopify.url;
  // Ask + two refusals + the answer: four automatic messages in one cycle.
  env = await startChannelsEnv({ maxInARow: 6 });
  resetConfigCache();
  await seedOfflineSession(TEST_SHOP_DOMAIN);
  await db().shop.update({ where: { id: env.shopId }, data: { ianaTimezone: "America/New_York" } });
  const voice = await saveBrandVoice(env.shopId, { greeting: { en: "Hi there!", es: "¡Hola!" } });
  expect(voice.ok).toBe(true);
});
afterAll(async () => {
  await env?.close();
  await shopify?.close();
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  resetConfigCache();
});

/** Writes as the customer, waits for the decision and for the customer to have `total` messages. */
async function turn(driver: ChannelDriver, party: Party, text: string, total: number) {
  const id = await driver.ask(party, text);
  expect(id).toBeTruthy();
  const row = await decided(id!);
  const got = await receivedExactly(driver, party, total);
  return { id: id!, row, last: got[total - 1]?.text ?? "" };
}

/** Email bodies may carry the thread's quoted history under the reply; the reply comes first. */
function expectBody(driver: ChannelDriver, got: string, expected: string) {
  if (driver.channel === "EMAIL") expect(got.startsWith(expected)).toBe(true);
  else expect(got).toBe(expected);
}

/** A customer whose phone our Customer row knows, linked to a Shopify customer id. */
async function knownSmsCustomer(shopifyCustomerId: bigint) {
  const party = env.drivers.SMS.newParty();
  const customer = await createCustomer(env.shopId, {
    phone: party.address,
    email: `ada-${party.address.slice(-4)}@mail.example.net`,
  });
  await db().customer.update({ where: { id: customer.id }, data: { shopifyCustomerId } });
  return party;
}

let known: Party;

describe("order tracking: a customer the channel identifies", () => {
  it("GIVEN a known customer on SMS WHEN they ask where their order is THEN their latest order's status, carrier, tracking link and estimate go out, read live", async () => {
    const party = (known = await knownSmsCustomer(KNOWN_CUSTOMER_ID));
    const before = shopify.requestsFor("TrackedOrdersOfCustomer").length;
    const { row, last } = await turn(env.drivers.SMS, party, "Hi, where is my order?", 1);

    expect(last).toBe(STATUS_1002_EN);
    const [sms] = env.fakes.twilio.messages.filter((m) => m.to === party.address);
    expect(sms!.body).toBe(STATUS_1002_EN);
    const queried = shopify.requestsFor("TrackedOrdersOfCustomer").slice(before);
    expect(queried.map((r) => r.body?.variables)).toEqual([{ query: `customer_id:${KNOWN_CUSTOMER_ID}`, first: 1 }]);
    expect(queried[0]!.outcome).toBe("ok");

    expect(row).toMatchObject({ state: "ANSWERED", outcome: "order_status" });
    const reply = await db().message.findUniqueOrThrow({ where: { id: row.replyMessageId! } });
    expect(reply).toMatchObject({ author: "SYSTEM", automatic: true, channel: "SMS", body: STATUS_1002_EN });
    expect(reply.metadata).toMatchObject({
      purpose: "TRANSACTIONAL",
      automatic: { kind: "order_status", orderId: "gid://shopify/Order/6002", inboundMessageId: row.inboundMessageId },
    });
    expect(reply.idempotencyKey).toBe(`auto-answer:${row.inboundMessageId}`);
  });

  it("GIVEN a known customer WHEN they name an order that is not theirs THEN they are asked for its details, nothing about it is said", async () => {
    const party = await knownSmsCustomer(KNOWN_CUSTOMER_ID + 1n);
    const { row, last } = await turn(env.drivers.SMS, party, "Where is order #1003?", 1);
    expect(last).toBe(ASK.en);
    expect(row).toMatchObject({ state: "ANSWERED", outcome: "order_question" });
    const conversation = await conversationOf(row.inboundMessageId);
    expect(conversation.orderLookup).toMatchObject({ state: "asked", failedChecks: 0, locale: "en" });
    expect(JSON.stringify(conversation.orderLookup)).not.toContain("1003");
  });
});

describe("order tracking: verification on every channel", () => {
  it.each([
    ["SMS", "en", "Where is my order?", "Order 1003, zip code 90210", "#1003 28013"],
    ["EMAIL", "en", "Where is my order?", "order 1003 and my email is someone@mail.example.net", `1003 ${GUEST_EMAIL}`],
    ["CHAT", "en", "Can you track my order?", "#1003 28014", `Order #1003, email ${GUEST_EMAIL.toUpperCase()}`],
    ["WHATSAPP", "es", "¿Dónde está mi pedido?", "pedido 1003, código postal 28014", "1003 28013"],
    ["INSTAGRAM", "fr", "Où est ma commande ?", "commande n° 1004 code postal 75002", "1004 75001"],
  ] as const)(
    "GIVEN an unknown %s customer (%s) WHEN they ask THEN they are asked once, a wrong detail is refused without revealing anything, the right ones get the status",
    async (channel, locale, question, wrong, right) => {
      const driver = env.drivers[channel];
      const party = driver.newParty();

      const asked = await turn(driver, party, question, 1);
      expectBody(driver, asked.last, ASK[locale]);
      expect(asked.row).toMatchObject({ state: "ANSWERED", outcome: "order_question" });
      const askMessage = await db().message.findUniqueOrThrow({ where: { id: asked.row.replyMessageId! } });
      expect(askMessage).toMatchObject({ automatic: true });
      expect(askMessage.metadata).toMatchObject({ automatic: { kind: "order_question" } });

      const refused = await turn(driver, party, wrong, 2);
      expectBody(driver, refused.last, NOT_FOUND[locale]);
      expect(refused.row).toMatchObject({ state: "ANSWERED", outcome: "order_not_verified" });

      const answered = await turn(driver, party, right, 3);
      const expected = channel === "INSTAGRAM" ? STATUS_1004_FR : STATUS_1003[locale as "en" | "es"];
      expectBody(driver, answered.last, expected);
      expect(answered.row).toMatchObject({ state: "ANSWERED", outcome: "order_status" });

      const conversation = await conversationOf(answered.id);
      expect(conversation.waitingForPersonSince).toBeNull();
      expect(conversation.orderLookup).toMatchObject({ state: "verified", failedChecks: 1, locale });
      // No order number, email or postcode is kept in the conversation's state.
      // Ids are random (a message id may contain "75001" by chance) and the order's GID is a reference, not a secret.
      const stored = JSON.stringify(conversation.orderLookup, (key, value: unknown) =>
        /Id$/.test(key) ? undefined : value,
      );
      for (const secret of ["1003", "1004", "28013", "75001", "@"]) expect(stored).not.toContain(secret);
    },
  );

  it("GIVEN an unknown Messenger customer WHEN one message carries the number and the email THEN it is checked at once and answered", async () => {
    const driver = env.drivers.MESSENGER;
    const party = driver.newParty();
    const { row, last } = await turn(driver, party, `Where is my order #1003? My email is ${GUEST_EMAIL}`, 1);
    expect(last).toBe(STATUS_1003.en);
    expect(row).toMatchObject({ state: "ANSWERED", outcome: "order_status" });
  });

  it("GIVEN an unknown order number WHEN checked THEN the refusal is word for word the one for a wrong postcode", async () => {
    const driver = env.drivers.MESSENGER;
    const party = driver.newParty();
    const unknown = await turn(driver, party, "Where is my order 98765? zip 28013", 1);
    expect(unknown.last).toBe(NOT_FOUND.en);
    const wrongZip = await turn(driver, party, "order 1003 zip 28014", 2);
    expect(wrongZip.last).toBe(NOT_FOUND.en);
  });

  it("GIVEN three failed checks WHEN the third fails THEN a person takes over (waiting, HIGH, notice) and later details get no answer", async () => {
    const driver = env.drivers.SMS;
    const party = driver.newParty();
    await turn(driver, party, "Where is my order?", 1);
    await turn(driver, party, "1003 11111", 2);
    await turn(driver, party, "1003 22222", 3);
    const third = await turn(driver, party, "1003 33333", 4);
    expect(third.last).toBe(NOTICE);
    expect(third.row).toMatchObject({ state: "HANDED_OFF", outcome: "order_not_verified" });
    const conversation = await conversationOf(third.id);
    expect(conversation).toMatchObject({
      priority: "HIGH",
      handoffReason: "order tracking: order details did not match 3 times",
      orderLookup: expect.objectContaining({ state: "handed_off", failedChecks: 3 }),
    });
    expect(conversation.waitingForPersonSince).not.toBeNull();

    const after = await turn(driver, party, "1003 28013", 4);
    expect(after.row).toMatchObject({ state: "HANDED_OFF" });
  });

  it("GIVEN the Admin API failing after its retries WHEN a customer asks about an order THEN a person takes over with 'order lookup failed'", async () => {
    const driver = env.drivers.SMS;
    const party = driver.newParty();
    const before = shopify.requests.length;
    // One try plus four retries, all 500.
    shopify.failNext(500, 5);
    const { id, row, last } = await turn(driver, party, "Where is my order #1003? zip 28013", 1);
    expect(row).toMatchObject({ state: "HANDED_OFF", outcome: "order_lookup_failed" });
    expect(last).toBe(NOTICE);
    expect(shopify.requests.slice(before).map((r) => r.outcome)).toEqual(Array(5).fill("failed"));
    const conversation = await conversationOf(id);
    expect(conversation).toMatchObject({ priority: "HIGH", handoffReason: "order lookup failed" });
    expect(conversation.waitingForPersonSince).not.toBeNull();
  });
});

describe("order tracking when a job runs again", () => {
  it("GIVEN the job for a message runs twice (a crash before the claim) THEN the question is asked again, not handed off, and a failed check counts once", async () => {
    const driver = env.drivers.SMS;
    const party = driver.newParty();
    const asked = await turn(driver, party, "Where is my order?", 1);
    const inbound = await db().message.findUniqueOrThrow({ where: { id: asked.id } });
    const rerun = () =>
      trackOrder({
        shopId: env.shopId,
        conversationId: inbound.conversationId,
        customerId: inbound.customerId,
        inboundMessageId: inbound.id,
        text: inbound.body,
        decision: { kind: "order_tracking", confidence: 1, locale: "en" },
      });
    expect(await rerun()).toMatchObject({ kind: "reply", outcome: "order_question", text: ASK.en });

    const refused = await turn(driver, party, "1003 99999", 2);
    const wrong = await db().message.findUniqueOrThrow({ where: { id: refused.id } });
    const again = await trackOrder({
      shopId: env.shopId,
      conversationId: wrong.conversationId,
      customerId: wrong.customerId,
      inboundMessageId: wrong.id,
      text: wrong.body,
      decision: { kind: "handoff", reason: "low_confidence", explanation: "no article", locale: "en" },
    });
    expect(again).toMatchObject({ kind: "reply", outcome: "order_not_verified" });
    expect((await conversationOf(wrong.id)).orderLookup).toMatchObject({ failedChecks: 1 });
  });
});

describe("order tracking in Try it", () => {
  it("GIVEN a tracking question in Try it THEN it shows the question an unknown customer would be asked, voiced, and looks nothing up", async () => {
    Object.assign(process.env, { THREADLINE_DEMO: "1" });
    markDemoRunner();
    resetConfigCache();
    const before = shopify.requests.length;
    try {
      const res = await tryIt({
        request: new Request("http://127.0.0.1:3999/app/knowledge/try", {
          method: "POST",
          body: new URLSearchParams({ text: "¿Dónde está mi pedido?" }),
        }),
        params: {},
        context: {},
      } as Parameters<typeof tryIt>[0]);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        ok: true,
        decision: { kind: "order_tracking", locale: "es" },
        orderQuestion: ASK.es,
      });
      expect(shopify.requests.length).toBe(before);
    } finally {
      delete process.env.THREADLINE_DEMO;
      markDemoRunner(false);
      resetConfigCache();
    }
  });
});

// Last: the stand-in's bucket restores slowly, so after draining it every later lookup would wait.
describe("order tracking under Shopify's rate limit", () => {
  it("GIVEN a drained cost bucket WHEN a known customer asks THEN the lookup waits for the bucket and still answers", async () => {
    // The same customer in a new cycle (resolving starts one).
    const open = await db().conversation.findFirstOrThrow({
      where: { shopId: env.shopId, customer: { shopifyCustomerId: KNOWN_CUSTOMER_ID }, status: "OPEN" },
    });
    await setConversationStatus(env.shopId, open.id, "RESOLVED");
    const before = shopify.requestsFor("TrackedOrdersOfCustomer").length;
    shopify.drainBucket();
    const { row, last } = await turn(env.drivers.SMS, known, "Has my order shipped?", 2);
    expect(row).toMatchObject({ state: "ANSWERED", outcome: "order_status" });
    expect(last).toBe(STATUS_1002_EN);
    const outcomes = shopify
      .requestsFor("TrackedOrdersOfCustomer")
      .slice(before)
      .map((r) => r.outcome);
    expect(outcomes.at(-1)).toBe("ok");
    expect(outcomes).toContain("throttled");
  });
});
