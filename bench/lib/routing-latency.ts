// Routing latency on a real database, for `npm run bench:kpis` (issue 13: routing a new conversation
// p95 under 20 ms). Each sample is a new customer whose first SMS opens a conversation, in one
// transaction as intake does it (conversationForInbound, the message, noteInbound's routing); only
// routeConversation is timed, and the transaction is rolled back so the shop's data stays as it was.
// A shop with no rules gets 20 for the run (19 that do not match, then one assigning a 5-person team
// round robin), removed afterwards; a shop with rules is measured with its own.
import { performance } from "node:perf_hooks";
import { db } from "../../app/db/client.server";
import { inRetryingTransaction } from "../../app/commerce/transaction.server";
import { conversationForInbound } from "../../app/conversations/conversation-for-inbound.server";
import { routeConversation } from "../../app/routing/route-conversation.server";
import type { RoutingAction, RoutingCondition } from "../../app/routing/rule-schema";

class Rollback extends Error {
  constructor(readonly ms: number) {
    super("rollback");
  }
}

async function seedRules(shopId: string): Promise<() => Promise<void>> {
  const tag = `bench-routing-${Date.now()}`;
  const members = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      db().staffMember.create({
        data: { shopId, userId: `${tag}-${i}`, name: `Bench agent ${i + 1}`, capacity: 1000 },
      }),
    ),
  );
  const team = await db().team.create({
    data: { shopId, name: tag, members: { create: members.map((m) => ({ staffMemberId: m.id })) } },
  });
  const misses: RoutingCondition[][] = [
    [{ field: "channel", in: ["EMAIL"] }],
    [{ field: "language", in: ["fr"] }],
    [{ field: "keywords", any: ["chargeback", "lawyer", "wholesale"] }],
    [{ field: "lifetime_value", op: "gte", value: 1_000_000 }],
    [{ field: "order_value", op: "gte", value: 1_000_000 }],
    [{ field: "intent", in: ["prompt_injection"] }],
    [
      { field: "customer_type", is: "returning" },
      { field: "channel", in: ["WHATSAPP"] },
    ],
  ];
  const rules = Array.from({ length: 19 }, (_, i) => ({
    conditions: misses[i % misses.length]!,
    actions: [{ type: "add_tags", tags: [`bench-${i}`] }] as RoutingAction[],
  }));
  rules.push({
    conditions: [{ field: "channel", in: ["SMS"] }],
    actions: [{ type: "assign_team", teamId: team.id, strategy: "round_robin" }],
  });
  await db().routingRule.createMany({
    data: rules.map((r, i) => ({
      shopId,
      name: `${tag} ${i + 1}`,
      position: 10_000 + i,
      conditions: r.conditions,
      actions: r.actions,
    })),
  });
  return async () => {
    await db().routingRule.deleteMany({ where: { shopId, name: { startsWith: tag } } });
    await db().team.delete({ where: { id: team.id } });
    await db().staffMember.deleteMany({ where: { shopId, userId: { startsWith: tag } } });
  };
}

/** Milliseconds routeConversation took for each of `samples` new conversations of the shop. */
export async function measureRoutingLatency(opts: { shopId: string; samples: number }): Promise<number[]> {
  const { shopId } = opts;
  const cleanup =
    (await db().routingRule.count({ where: { shopId, enabled: true } })) === 0 ? await seedRules(shopId) : null;
  const out: number[] = [];
  try {
    for (let i = 0; i < opts.samples; i++) {
      try {
        await inRetryingTransaction(async (tx) => {
          const customer = await tx.customer.create({ data: { shopId, phone: `+1999${String(i).padStart(7, "0")}` } });
          const conversationId = await conversationForInbound(tx, shopId, customer.id);
          const text = "Hi, do you ship to Canada? My order number is 1001.";
          const message = await tx.message.create({
            data: {
              shopId,
              conversationId,
              customerId: customer.id,
              direction: "INBOUND",
              channel: "SMS",
              author: "CUSTOMER",
              body: text,
              deliveryStatus: "RECEIVED",
              idempotencyKey: `bench-routing:${Date.now()}:${i}`,
            },
          });
          const started = performance.now();
          await routeConversation(tx, { shopId, conversationId, channel: "SMS", text, at: message.createdAt });
          throw new Rollback(performance.now() - started);
        });
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
        out.push(error.ms);
      }
    }
  } finally {
    await cleanup?.();
  }
  return out;
}
