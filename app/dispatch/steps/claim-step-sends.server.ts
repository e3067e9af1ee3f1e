// The batch's claims in one transaction, as claimOutboundMessage + runFlowStep write them one by
// one: each customer's conversation (open, else latest, else a new RESOLVED one), the PENDING
// messages under their idempotency keys, the conversations' last activity, the MESSAGE timeline
// events, the steps RUNNING, and the runs with nothing left to do COMPLETED. Returns the ids of the
// messages it created, by step; a step whose key was already taken is left to runFlowStep.
import { timeOrderedId } from "../../lib/time-ordered-id";
import { db } from "../../db/client.server";
import * as sql from "../../generated/prisma/sql";
import { automatedConversationsFor, touchFoundConversations } from "../automated-conversations.server";
import { withEmailThreading } from "../../messages/email-threading.server";
import { messageEventRow } from "../../messages/message-timeline.server";
import type { OutboundMetadata } from "../../messages/claim-outbound.server";
import type { StepSend } from "./decide-due-step";

function json(rows: unknown[]): string {
  return JSON.stringify(rows);
}

export async function claimStepSends(sends: StepSend[], now: Date): Promise<Map<string, string>> {
  if (sends.length === 0) return new Map();
  return db().$transaction(
    async (tx) => {
      const conversations = await automatedConversationsFor(
        tx,
        sends.map((s) => ({ customerId: s.step.customerId, shopId: s.step.shopId, body: s.body })),
        now,
      );
      const rows = sends.map((s) => {
        const conversation = conversations.byCustomer.get(s.step.customerId)!;
        const metadata: OutboundMetadata =
          s.channel === "EMAIL" && s.emailSender
            ? withEmailThreading(s.metadata, {
                idempotencyKey: s.idempotencyKey,
                sender: s.emailSender,
                replyToken: conversation.replyToken,
              })
            : s.metadata;
        return {
          id: timeOrderedId(),
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
          campaignId: null,
          metadata,
        };
      });
      const inserted = await tx.$queryRawTyped(sql.insertBatchFlowMessages(json(rows), now));
      const insertedIds = new Set(inserted.map((m) => m.id));
      const claimed = rows.filter((r) => insertedIds.has(r.id));
      if (claimed.length === 0) return new Map();

      await touchFoundConversations(tx, conversations, claimed, now);
      const events = claimed.map((m) => ({
        ...messageEventRow({
          ...m,
          direction: "OUTBOUND",
          author: "FLOW",
          deliveryStatus: "PENDING",
          createdAt: now,
        }),
        id: timeOrderedId(),
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
