// Recommendations on the hot path (decision 0056): order confirmations taken as one batch by
// app/dispatch/. A template that names `recommendations` goes out with them (its step runs alone,
// through runFlowStep); a template that does not is sent exactly as before. Real PostgreSQL, Redis
// and the Twilio stand-in.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { saveConnection } from "../../app/channels/credentials.server";
import { processReceiptBatch } from "../../app/dispatch/process-receipt-batch.server";
import { forgetShopSignals } from "../../app/recommendations/shop-signals.server";
import { recordReceipt } from "../../app/webhooks/receipt-writer.server";
import { createShop } from "../support/factories";
import { ACCOUNT_SID, AUTH_TOKEN, SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";
import { enableFlows, nextId, orderPayload, setStepChannels, setTemplate } from "./flows-engine-support";

const THROW = 8123456789012n; // the fixture order's line item
const CUSHION = 8123456789013n;
const NAPKINS = 8123456789014n;
const LAMP = 8123456789015n; // out of stock

let env: SendingEnv;
let plainShop: { id: string; domain: string };
let recoShop: { id: string; domain: string };
let phoneSeq = 0;
const newPhone = () => `+1415557${String(1000 + phoneSeq++).padStart(4, "0")}`;
const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

async function newShop(domain: string, body: string) {
  const shop = await createShop({ domain });
  await saveConnection(shop.id, "TWILIO", { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: SMS_FROM });
  await enableFlows(shop.id, ["ORDER_CONFIRMATION"]);
  await setStepChannels(shop.id, "ORDER_CONFIRMATION", ["SMS"]);
  await setTemplate(shop.id, "ORDER_CONFIRMATION", 0, "SMS", body);
  return { id: shop.id, domain };
}

async function catalogue(shopId: string) {
  const products: Array<[bigint, string, string, boolean]> = [
    [THROW, "Linen throw", "58.00", true],
    [CUSHION, "Wool cushion", "45.00", true],
    [NAPKINS, "Cotton napkins", "12.00", true],
    [LAMP, "Paper lamp", "80.00", false],
  ];
  for (const [id, title, price, available] of products) {
    const handle = title.toLowerCase().replace(/ /g, "-");
    await db().product.create({
      data: {
        shopId,
        shopifyProductId: id,
        title,
        handle,
        url: `https://linen.example/products/${handle}`,
        variants: { create: { shopId, shopifyVariantId: id * 10n, title: "Default", price, available } },
      },
    });
  }
  // Earlier guest orders: the throw with the lamp ×3, the cushion ×2, the napkins ×1.
  const pairs: Array<[bigint, number]> = [
    [LAMP, 3],
    [CUSHION, 2],
    [NAPKINS, 1],
  ];
  for (const [other, times] of pairs) {
    for (let i = 0; i < times; i++) {
      await db().order.create({
        data: {
          shopId,
          shopifyOrderId: BigInt(nextId()),
          processedAt: new Date(Date.now() - (i + 2) * 86_400_000),
          lineItems: [THROW, other].map((pid) => ({ title: "x", quantity: 1, price: "1.00", productId: String(pid) })),
        },
      });
    }
  }
}

async function receive(shopDomain: string, body: unknown): Promise<string> {
  const { receiptId } = await recordReceipt({
    shopDomain,
    topic: "orders/create",
    eventId: randomUUID(),
    webhookId: randomUUID(),
    apiVersion: "2026-10",
    triggeredAt: new Date(),
    payloadJson: JSON.stringify(body),
  });
  return receiptId!;
}

beforeAll(async () => {
  forgetShopSignals();
  env = await startSendingEnv();
  plainShop = await newShop(
    "plain-linen.myshopify.com",
    "Hi {{ customer.first_name }}, {{ order.name }} is confirmed.",
  );
  recoShop = await newShop(
    "reco-linen.myshopify.com",
    "{{ order.name }} is confirmed.{% for p in recommendations %}\n{{ p.title }} {{ p.price }} {{ p.url }}{% endfor %}",
  );
  await catalogue(plainShop.id);
  await catalogue(recoShop.id);
});
afterAll(async () => {
  await env?.close();
});

describe("order confirmations in one batch", () => {
  it("GIVEN one shop's template names recommendations and another's does not WHEN their orders arrive in one batch THEN each customer gets one SMS: the plain text unchanged, the other with the products bought with the throw (in stock, not the throw itself)", async () => {
    const plain = orderPayload({ shopifyCustomerId: nextId(), email: null, phone: newPhone(), firstName: "Ines" });
    const reco = orderPayload({ shopifyCustomerId: nextId(), email: null, phone: newPhone() });

    const failures = await processReceiptBatch([
      await receive(plainShop.domain, plain),
      await receive(recoShop.domain, reco),
    ]);

    expect([...failures.keys()]).toEqual([]);
    expect(smsTo(plain.phone).map((m) => m.body)).toEqual([`Hi Ines, ${plain.name} is confirmed.`]);
    expect(smsTo(reco.phone).map((m) => m.body)).toEqual([
      [
        `${reco.name} is confirmed.`,
        "Wool cushion 45.00 https://linen.example/products/wool-cushion",
        "Cotton napkins 12.00 https://linen.example/products/cotton-napkins",
      ].join("\n"),
    ]);
    const steps = await db().flowStep.findMany({ where: { shopId: { in: [plainShop.id, recoShop.id] } } });
    expect(steps.map((s) => s.state)).toEqual(["SENT", "SENT"]);
  }, 60_000);
});
