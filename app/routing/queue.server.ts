// The Queue (/app/inbox?view=queue): OPEN conversations nobody is assigned to, the customer who has
// waited longest first. Waiting since = the oldest customer message after the latest answer by a
// person (WAITING_SINCE_SQL); a conversation with nothing waiting sorts by its last activity.
// Keyset pages on (waitingSince, id), rows shaped as the inbox list's so the same table shows them.
import { Prisma } from "../generated/prisma/client";
import type { Channel } from "../generated/prisma/enums";
import { db } from "../db/client.server";
import { latestMessageAutomatic } from "../answers/automatic-flags.server";
import { conversationListSelect } from "../admin-queries/inbox.server";
import { customerLabels } from "../admin-queries/customer-labels.server";
import { decodeCursor, encodeCursor, type PageDirection, type PageInfo } from "../admin-queries/cursor.server";
import { WAITING_SINCE_SQL } from "./sweep.server";

export const QUEUE_PAGE_SIZE = 25;

export async function listQueue(opts: {
  shopId: string;
  channel?: Channel | null;
  tag?: string | null;
  cursor?: string | null;
  direction?: PageDirection;
  pageSize?: number;
}) {
  const size = opts.pageSize ?? QUEUE_PAGE_SIZE;
  const cursor = decodeCursor(opts.cursor);
  const back = cursor !== null && opts.direction === "previous";
  const filters = [
    Prisma.sql`c."shopId" = ${opts.shopId}`,
    Prisma.sql`c.status = 'OPEN'`,
    Prisma.sql`c."assigneeId" IS NULL`,
    ...(opts.channel ? [Prisma.sql`c."lastInboundChannel"::text = ${opts.channel}`] : []),
    ...(opts.tag ? [Prisma.sql`${opts.tag} = ANY(c.tags)`] : []),
  ];
  const after = cursor
    ? back
      ? Prisma.sql`WHERE ("waitingSince", id) < (${cursor.at.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${cursor.id})`
      : Prisma.sql`WHERE ("waitingSince", id) > (${cursor.at.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${cursor.id})`
    : Prisma.empty;
  const order = back ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const found = await db().$queryRaw<{ id: string; waitingSince: Date }[]>(Prisma.sql`
    WITH q AS (
      SELECT c.id, COALESCE(${WAITING_SINCE_SQL}, c."lastActivityAt") AS "waitingSince"
        FROM "Conversation" c
       WHERE ${Prisma.join(filters, " AND ")})
    SELECT id, "waitingSince" FROM q ${after}
     ORDER BY "waitingSince" ${order}, id ${order}
     LIMIT ${size + 1}`);
  const more = found.length > size;
  const page = found.slice(0, size);
  if (back) page.reverse();
  const rows = await db().conversation.findMany({
    where: { shopId: opts.shopId, id: { in: page.map((r) => r.id) } },
    select: conversationListSelect,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = page.flatMap((p) => {
    const row = byId.get(p.id);
    return row ? [{ row, waitingSince: p.waitingSince }] : [];
  });
  const [labels, automatic] = await Promise.all([
    customerLabels(
      opts.shopId,
      ordered.map((o) => o.row.customer),
    ),
    latestMessageAutomatic(
      opts.shopId,
      ordered.map((o) => o.row.id),
    ),
  ]);
  const first = page[0];
  const last = page[page.length - 1];
  const pageInfo: PageInfo = {
    hasNextPage: back ? true : more,
    hasPreviousPage: back ? more : cursor !== null,
    endCursor: last ? encodeCursor(last.waitingSince, last.id) : null,
    startCursor: first ? encodeCursor(first.waitingSince, first.id) : null,
  };
  return {
    conversations: ordered.map(({ row: { customer, ...c }, waitingSince }) => ({
      ...c,
      customerId: customer.id,
      customerName: labels.get(customer.id)!,
      lastMessageAutomatic: automatic.has(c.id),
      waitingSince,
    })),
    pageInfo: ordered.length === 0 && !cursor ? { ...pageInfo, hasNextPage: false } : pageInfo,
  };
}
