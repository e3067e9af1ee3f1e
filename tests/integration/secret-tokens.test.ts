// Every create site of a token-bearing row passes a fresh random token (issue 10, item 8): the
// schema has no cuid() default for them any more, and these rows go through the app's own code.
import { describe, expect, it } from "vitest";
import { saveConnection } from "../../app/channels/credentials.server";
import { inRetryingTransaction } from "../../app/commerce/transaction.server";
import { conversationForInbound } from "../../app/conversations/conversation-for-inbound.server";
import { conversationForOutbound } from "../../app/conversations/conversation-for-outbound.server";
import { db } from "../../app/db/client.server";
import { createShop } from "../support/factories";

const CUID = /^c[a-z0-9]{24}$/;
const commonPrefix = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
};

describe("tokens on created rows", () => {
  it("GIVEN two shops connecting Twilio WHEN saved THEN each webhook token is 32 base64url characters, not a cuid, and unlike its neighbour and its row id", async () => {
    const rows = [];
    for (const domain of ["tokens-a.myshopify.com", "tokens-b.myshopify.com"]) {
      const shop = await createShop({ domain });
      const saved = await saveConnection(shop.id, "TWILIO", {
        accountSid: `AC${"1".repeat(32)}`,
        authToken: "0".repeat(32),
        fromNumber: "+14155550123",
      });
      rows.push(await db().channelConnection.findUniqueOrThrow({ where: { id: saved.id } }));
    }
    for (const row of rows) {
      expect(row.webhookToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(row.webhookToken).not.toMatch(CUID);
      expect(commonPrefix(row.webhookToken, row.id)).toBeLessThan(4);
    }
    expect(commonPrefix(rows[0].webhookToken, rows[1].webhookToken)).toBeLessThan(6);
    // Saving again (a settings edit) keeps the URL the merchant pasted into Twilio.
    const again = await saveConnection(rows[0].shopId, "TWILIO", {
      accountSid: `AC${"1".repeat(32)}`,
      fromNumber: "+14155550124",
    });
    expect((await db().channelConnection.findUniqueOrThrow({ where: { id: again.id } })).webhookToken).toBe(
      rows[0].webhookToken,
    );
  });

  it("GIVEN a customer's first inbound and another's first outbound message WHEN their conversations are created THEN each reply token is 48 lower-case hex, not a cuid, unlike its neighbour and its row id", async () => {
    const shop = await createShop({ domain: "tokens-c.myshopify.com" });
    const [a, b] = await Promise.all(
      ["a", "b"].map((n) => db().customer.create({ data: { shopId: shop.id, email: `${n}@example.com` } })),
    );
    const inboundId = await inRetryingTransaction((tx) => conversationForInbound(tx, shop.id, a.id));
    const outbound = await inRetryingTransaction((tx) => conversationForOutbound(tx, shop.id, b.id));
    const rows = await db().conversation.findMany({ where: { id: { in: [inboundId, outbound.id] } } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.replyToken).toMatch(/^[0-9a-f]{48}$/);
      expect(row.replyToken).not.toMatch(CUID);
      expect(commonPrefix(row.replyToken, row.id)).toBeLessThan(4);
    }
    expect(commonPrefix(rows[0].replyToken, rows[1].replyToken)).toBeLessThan(6);
  });
});
