// A flow's message log: every message the flow sent (or tried to), newest first,
// keyset-paginated. Shop-scoped: another shop's flow answers 404.
import { db } from "../db/client.server";
import { customerDisplayName } from "./customers.server";
import { decodeCursor, keysetPage, notFound, type PageDirection } from "./cursor.server";

export const FLOW_LOG_PAGE_SIZE = 50;

export async function listFlowMessages(opts: {
  shopId: string;
  flowId: string;
  cursor?: string | null;
  direction?: PageDirection;
  pageSize?: number;
}) {
  const flow = await db().flow.findFirst({
    where: { id: opts.flowId, shopId: opts.shopId },
    select: { id: true, kind: true, name: true },
  });
  if (!flow) notFound();
  const { rows, pageInfo } = await keysetPage({
    field: "createdAt",
    cursor: decodeCursor(opts.cursor),
    direction: opts.direction ?? "next",
    pageSize: opts.pageSize ?? FLOW_LOG_PAGE_SIZE,
    fetch: ({ where, orderBy, take }) =>
      db().message.findMany({
        where: { shopId: opts.shopId, flowId: flow.id, ...(where ?? {}) },
        orderBy,
        take,
        select: {
          id: true,
          createdAt: true,
          sentAt: true,
          channel: true,
          deliveryStatus: true,
          errorCode: true,
          errorMessage: true,
          toAddress: true,
          subject: true,
          body: true,
          customer: {
            select: { id: true, firstName: true, lastName: true, email: true, phone: true, redactedAt: true },
          },
        },
      }),
  });
  return {
    flow,
    messages: rows.map((m) => ({
      id: m.id,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
      channel: m.channel,
      deliveryStatus: m.deliveryStatus,
      errorCode: m.errorCode,
      errorMessage: m.errorMessage,
      toAddress: m.customer.redactedAt ? null : m.toAddress,
      preview: m.customer.redactedAt ? "" : (m.subject ?? m.body).slice(0, 140),
      customer: { id: m.customer.id, name: customerDisplayName(m.customer) },
    })),
    pageInfo,
  };
}
