// Each message has one MESSAGE timeline event (dedupeKey message:<id>); its data follows the
// message's fate (data.deliveryStatus, errors) so the customer's timeline shows what happened.
import type { Channel, DeliveryStatus, MessageAuthor, MessageDirection } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { recordTimelineEvent, type TimelineEventInput } from "../timeline/record-event.server";
import { CHANNEL_LABEL } from "../consent/record-consent.server";

export interface MessageForTimeline {
  id: string;
  shopId: string;
  customerId: string;
  direction: MessageDirection;
  channel: Channel;
  author: MessageAuthor;
  deliveryStatus: DeliveryStatus;
  body: string;
  subject?: string | null;
  flowId?: string | null;
  flowRunId?: string | null;
  flowStepId?: string | null;
  createdAt: Date;
}

function titleOf(m: MessageForTimeline): string {
  const label = CHANNEL_LABEL[m.channel] ?? m.channel;
  if (m.direction === "INBOUND") return `${label} received`;
  const by = m.author === "FLOW" ? " by flow" : m.author === "SYSTEM" ? " (automatic)" : "";
  return `${label} sent${by}`;
}

export async function recordMessageEvent(tx: Tx, m: MessageForTimeline): Promise<void> {
  await recordTimelineEvent(tx, messageEventRow(m));
}

/** The MESSAGE timeline event of a message (the batch writers insert many at once). */
export function messageEventRow(m: MessageForTimeline): TimelineEventInput {
  return {
    shopId: m.shopId,
    customerId: m.customerId,
    type: "MESSAGE",
    occurredAt: m.createdAt,
    dedupeKey: `message:${m.id}`,
    title: titleOf(m),
    messageId: m.id,
    data: {
      direction: m.direction,
      channel: m.channel,
      author: m.author,
      deliveryStatus: m.deliveryStatus,
      preview: (m.subject ? `${m.subject}: ` : "") + m.body.slice(0, 160),
      ...(m.flowId ? { flowId: m.flowId } : {}),
      ...(m.flowRunId ? { flowRunId: m.flowRunId } : {}),
      ...(m.flowStepId ? { flowStepId: m.flowStepId } : {}),
    },
  };
}

/** Merges `patch` into the message's timeline event data (no-op when it has none): null removes a key. */
export async function updateMessageEvent(
  tx: Tx,
  messageId: string,
  patch: {
    deliveryStatus: DeliveryStatus;
    errorCode?: string | null;
    errorMessage?: string | null;
    [k: string]: unknown;
  },
): Promise<void> {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) remove.push(k);
    else set[k] = v;
  }
  // One statement instead of read-modify-write: every send and status callback passes here.
  await tx.$executeRaw`
    UPDATE "TimelineEvent"
       SET "data" = (CASE WHEN jsonb_typeof("data") = 'object' THEN "data" ELSE '{}'::jsonb END
                     || ${JSON.stringify(set)}::jsonb) - ${remove}::text[]
     WHERE "messageId" = ${messageId}`;
}
