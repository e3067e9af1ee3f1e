// The batch's claims in one transaction, as claimOutboundMessage + runFlowStep write them one by
// one: each customer's conversation (open, else latest, else a new RESOLVED one), the PENDING
// messages under their idempotency keys, the conversations' last activity, the MESSAGE timeline
// events, the steps RUNNING, and the runs with nothing left to do COMPLETED. Returns the ids of the
// messages it created, by step; a step whose key was already taken is left to runFlowStep.
import { randomUUID } from "node:crypto";
import { db } from "../../db/client.server";
import * as sql from "../../generated/prisma/sql";
import type { Tx } from "../../commerce/transaction.server";
import { newCaseInsensitiveToken } from "../../lib/secret-token.server";
import { withEmailThreading } from "../../messages/email-threading.server";
import { messageEventRow } from "../../messages/message-timeline.server";
import type { OutboundMetadata } from "../../messages/claim-outbound.server";
import type { StepSend } from "./decide-due-step";

function json(rows: unknown[]): string {
  return JSON.stringify(rows);
}

/** Each customer's conversation for automated messages, created RESOLVED where there is none. */
async function conversationsFor(tx: Tx, sends: StepSend[], now: Date) {
  const customerIds = [...new Set(sends.map((s) => s.step.customerId))];
  const found = await tx.$queryRawTyped(sql.latestConversationsOfCustomers(customerIds));
  const byCustomer = new Map<string, { id: string; replyToken: string }>(found.map((c) => [c.customerId, c]));
  const created = customerIds
    .filter((id) => !byCustomer.has(id))
    .map((customerId) => ({
      id: randomUUID(),
      customerId,
      shopId: sends.find((s) => s.step.customerId === customerId)!.step.shopId,
      replyToken: newCaseInsensitiveToken(),
    }));
  if (created.length > 0) {
    await tx.$queryRawTyped(sql.insertAutomatedConversations(json(created), now));
    for (const c of created) byCustomer.set(c.customerId, c);
  }
  return byCustomer;
}

export async function claimStepSends(sends: StepSend[], now: Date): Promise<Map<string, string>> {
  if (sends.length === 0) return new Map();
  return db().$transaction(
    async (tx) => {
      const conversations = await conversationsFor(tx, sends, now);
      const rows = sends.map((s) => {
        const conversation = conversations.get(s.step.customerId)!;
        const metadata: OutboundMetadata =
          s.channel === "EMAIL" && s.emailSender
            ? withEmailThreading(s.metadata, {
                idempotencyKey: s.idempotencyKey,
                sender: s.emailSender,
                replyToken: conversation.replyToken,
              })
            : s.metadata;
        return {
          id: randomUUID(),
          shopId: s.step.shopId,
          conversationId: conversation.id,
          customerId: s.step.customerId,
          channel: s.channel,
          authorName: s.step.flowName,
          subject: s.subject,
          body: s.body,
          toAddress: s.to,
          idempotencyKey: s.idempotencyKey,
          flowId: s.step.flowId,
          flowRunId: s.step.runId,
          flowStepId: s.step.id,
          metadata,
        };
      });
      const inserted = await tx.$queryRawTyped(sql.insertBatchFlowMessages(json(rows), now));
      const insertedIds = new Set(inserted.map((m) => m.id));
      const claimed = rows.filter((r) => insertedIds.has(r.id));
      if (claimed.length === 0) return new Map();

      // The latest message of each conversation sets its last activity (as each claim would in turn).
      const activity = [...new Map(claimed.map((m) => [m.conversationId, m])).values()].map((m) => ({
        id: m.conversationId,
        preview: m.body.slice(0, 200),
      }));
      await tx.$queryRawTyped(sql.touchBatchConversations(json(activity), now));
      const events = claimed.map((m) => ({
        ...messageEventRow({
          ...m,
          direction: "OUTBOUND",
          author: "FLOW",
          deliveryStatus: "PENDING",
          createdAt: now,
        }),
        id: randomUUID(),
      }));
      await tx.$queryRawTyped(sql.insertBatchTimelineEvents(json(events), now));
      const steps = claimed.map((m) => ({ id: m.flowStepId, channel: m.channel }));
      await tx.$queryRawTyped(sql.markBatchStepsRunning(json(steps), now));
      const runIds = [...new Set(claimed.map((m) => m.flowRunId))];
      await tx.$queryRawTyped(sql.completeBatchRuns(runIds, now));
      return new Map(claimed.map((m) => [m.flowStepId, m.id]));
    },
    { maxWait: 15_000, timeout: 30_000 },
  );
}
