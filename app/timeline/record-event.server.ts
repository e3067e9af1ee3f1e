// The one writer of TimelineEvent rows. The (shopId, dedupeKey) unique key makes
// every write idempotent: replays, backfills and out-of-order webhooks may all
// describe the same happening, and only the first description is kept.
import type { Prisma, TimelineEventType } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";

export interface TimelineEventInput {
  shopId: string;
  customerId: string;
  type: TimelineEventType;
  occurredAt: Date;
  dedupeKey: string;
  title: string;
  orderId?: string | null;
  checkoutId?: string | null;
  messageId?: string | null;
  data?: Prisma.InputJsonValue;
}

/** Returns true when the event is new. ON CONFLICT DO NOTHING keeps a surrounding transaction usable. */
export async function recordTimelineEvent(tx: Tx, event: TimelineEventInput): Promise<boolean> {
  const { count } = await tx.timelineEvent.createMany({
    data: [{ ...event, data: event.data ?? {} }],
    skipDuplicates: true,
  });
  return count === 1;
}
