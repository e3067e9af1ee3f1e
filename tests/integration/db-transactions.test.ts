// Inside a transaction every statement shares one PostgreSQL connection, which runs one statement
// at a time. A query whose relations Prisma loads in parallel (several `include`s) must still reach
// that connection one statement after the other: pg warns about overlapping ones today, and pg@9
// refuses them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { createConversationWithMessage, createShop } from "../support/factories";

let warnings: Error[] = [];
const collect = (warning: Error) => warnings.push(warning);

beforeEach(() => {
  warnings = [];
  process.on("warning", collect);
});

afterEach(() => {
  process.off("warning", collect);
});

describe("statements inside a transaction", () => {
  it("GIVEN a customer with identities, consents, timeline and conversations WHEN loaded with all four included inside a transaction THEN everything loads and pg never sees two statements at once", async () => {
    const shop = await createShop();
    const customer = await db().customer.create({
      data: {
        shopId: shop.id,
        email: "jane@example.com",
        identities: { create: { shopId: shop.id, kind: "EMAIL", value: "jane@example.com" } },
        consents: {
          create: {
            shopId: shop.id,
            channel: "EMAIL",
            purpose: "MARKETING",
            state: "GRANTED",
            source: "STAFF",
            occurredAt: new Date(),
          },
        },
        timelineEvents: {
          create: { shopId: shop.id, type: "ORDER_PLACED", occurredAt: new Date(), dedupeKey: "note:1", title: "Note" },
        },
      },
    });
    await createConversationWithMessage(shop.id, customer.id, "Hello");

    const loaded = await db().$transaction(async (tx) =>
      tx.customer.findMany({
        where: { shopId: shop.id },
        include: {
          identities: true,
          consents: true,
          timelineEvents: true,
          conversations: { include: { messages: true } },
        },
      }),
    );
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));

    expect(loaded).toHaveLength(1);
    expect(loaded[0].identities).toHaveLength(1);
    expect(loaded[0].consents).toHaveLength(1);
    expect(loaded[0].timelineEvents).toHaveLength(1);
    expect(loaded[0].conversations[0].messages).toHaveLength(1);
    expect(warnings.map((w) => w.message)).not.toContainEqual(expect.stringMatching(/already executing a query/));
  });
});
