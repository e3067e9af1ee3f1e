// The demo shop can answer its seeded Instagram and Messenger threads: the demo seeds a Meta
// connection whose page and Instagram account are the ids those customers wrote to, so the
// composer offers both channels (the send itself, to Meta's stand-in, is in tests/e2e/demo-outbox).
import { beforeAll, describe, expect, it } from "vitest";
import { loadConnection } from "../../app/channels/credentials.server";
import { replyOptionsFor } from "../../app/conversations/staff-reply.server";
import { db } from "../../app/db/client.server";
import { seedDemoChannels } from "../../scripts/demo/seed-channels";
import { seedDemoConversations } from "../../scripts/demo/seed-conversations";
import { createShop } from "../support/factories";
import { createCustomer } from "./sending-helpers";

let shopId: string;

beforeAll(async () => {
  shopId = (await createShop()).id;
  for (let n = 0; n < 6; n++) {
    await createCustomer(shopId, { phone: `+1613555030${n}`, email: `meta${n}@example.com`, firstName: `Meta${n}` });
  }
  await seedDemoChannels(shopId, "Threadline Demo");
  await seedDemoConversations(shopId);
});

describe("the demo's Meta connection", () => {
  for (const channel of ["INSTAGRAM", "MESSENGER"] as const) {
    it(`GIVEN the seeded ${channel} thread WHEN staff open it THEN ${channel} is the default reply channel, through the demo's Meta connection`, async () => {
      const meta = await loadConnection(shopId, "META");
      const conversation = await db().conversation.findFirstOrThrow({
        where: { shopId, lastInboundChannel: channel },
      });
      const inbound = await db().message.findFirstOrThrow({
        where: { conversationId: conversation.id, direction: "INBOUND" },
      });
      // The customer wrote to the demo page (Messenger) or the demo Instagram account.
      expect(inbound.toAddress).toBe(
        channel === "MESSENGER" ? meta!.credentials.pageId : meta!.credentials.instagramAccountId,
      );

      const reply = await replyOptionsFor(shopId, conversation.customerId, conversation);

      expect(reply.defaultChannel).toBe(channel);
      expect(reply.options.find((o) => o.channel === channel)).toMatchObject({
        allowed: true,
        connected: true,
        reason: null,
        toAddress: inbound.fromAddress,
      });
    });
  }
});
