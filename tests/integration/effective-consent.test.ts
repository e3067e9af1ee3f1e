// consentFor: who may get which message on which channel.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { consentFor } from "../../app/consent/effective-consent.server";
import type { Channel, ConsentPurpose, ConsentSource, ConsentState } from "../../app/generated/prisma/client";
import { createShop } from "../support/factories";

let shopId: string;
let n = 0;
beforeAll(async () => {
  shopId = (await createShop()).id;
});

async function customer(rows: Array<[Channel, ConsentPurpose, ConsentState, ConsentSource]> = []) {
  const c = await db().customer.create({ data: { shopId, email: `c${n++}@example.com` } });
  for (const [channel, purpose, state, source] of rows)
    await db().consent.create({
      data: { shopId, customerId: c.id, channel, purpose, state, source, occurredAt: new Date() },
    });
  return c.id;
}

const ask = (customerId: string, channel: Channel, purpose: ConsentPurpose, checkoutId?: string) =>
  consentFor({ shopId, customerId, channel, purpose, checkoutId }).then((a) => a.allowed);

describe("consentFor", () => {
  it("allows transactional unless that channel is revoked", async () => {
    const id = await customer([["SMS", "TRANSACTIONAL", "REVOKED", "KEYWORD"]]);
    expect(await ask(id, "EMAIL", "TRANSACTIONAL")).toBe(true);
    expect(await ask(id, "SMS", "TRANSACTIONAL")).toBe(false);
    expect(await ask(id, "SMS", "MARKETING")).toBe(false);
  });

  it("needs a granted row for marketing; a revoked row always wins", async () => {
    expect(await ask(await customer(), "EMAIL", "MARKETING")).toBe(false);
    expect(
      await ask(await customer([["EMAIL", "MARKETING", "GRANTED", "SHOPIFY_CUSTOMER"]]), "EMAIL", "MARKETING"),
    ).toBe(true);
    const revoked = await customer([["EMAIL", "MARKETING", "REVOKED", "UNSUBSCRIBE_LINK"]]);
    expect(await ask(revoked, "EMAIL", "MARKETING")).toBe(false);
    expect(await ask(revoked, "EMAIL", "TRANSACTIONAL")).toBe(true);
  });

  it("uses the checkout's buyer_accepts_* when given, unless revoked", async () => {
    const id = await customer();
    const checkout = await db().checkout.create({
      data: { shopId, token: `t${n++}`, customerId: id, buyerAcceptsMarketing: true, buyerAcceptsSmsMarketing: false },
    });
    expect(await ask(id, "EMAIL", "MARKETING", checkout.id)).toBe(true);
    expect(await ask(id, "SMS", "MARKETING", checkout.id)).toBe(false);
    await db().consent.create({
      data: {
        shopId,
        customerId: id,
        channel: "EMAIL",
        purpose: "MARKETING",
        state: "REVOKED",
        source: "UNSUBSCRIBE_LINK",
        occurredAt: new Date(),
      },
    });
    expect(await ask(id, "EMAIL", "MARKETING", checkout.id)).toBe(false);
  });

  it("WhatsApp marketing: a WhatsApp grant, or SMS marketing collected through Shopify", async () => {
    expect(await ask(await customer([["WHATSAPP", "MARKETING", "GRANTED", "KEYWORD"]]), "WHATSAPP", "MARKETING")).toBe(
      true,
    );
    expect(
      await ask(await customer([["SMS", "MARKETING", "GRANTED", "SHOPIFY_CUSTOMER"]]), "WHATSAPP", "MARKETING"),
    ).toBe(true);
    expect(await ask(await customer([["SMS", "MARKETING", "GRANTED", "KEYWORD"]]), "WHATSAPP", "MARKETING")).toBe(
      false,
    );
    expect(
      await ask(
        await customer([
          ["SMS", "MARKETING", "GRANTED", "CHECKOUT"],
          ["WHATSAPP", "MARKETING", "REVOKED", "KEYWORD"],
        ]),
        "WHATSAPP",
        "MARKETING",
      ),
    ).toBe(false);
  });
});
