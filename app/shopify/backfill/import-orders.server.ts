// Phase "orders": the last 90 days of orders, with their fulfillments (ingestOrder writes both).
import { ingestOrder } from "../../commerce/ingest.server";
import { bulkOrdersQuery } from "../graphql/queries/bulk";
import { ORDERS_PAGE_QUERY, ordersSinceQuery, PAGE_SIZE } from "../graphql/queries/backfill";
import type { GqlConnection, GqlLineItem, GqlOrder } from "../graphql/types";
import { BULK_PROGRESS_EVERY, type BackfillContext } from "./backfill-context";
import type { BulkParent } from "./bulk-jsonl";
import { runBulkQuery } from "./bulk-operation.server";
import { mapOrder } from "./map-order";
import { pages } from "./paginate";

/** In bulk output an order's line items are its child lines. */
export function orderFromBulk({ node, children }: BulkParent): GqlOrder {
  return { ...(node as unknown as GqlOrder), lineItems: { nodes: children as unknown as GqlLineItem[] } };
}

export async function importOrders(ctx: BackfillContext): Promise<number> {
  let imported = 0;
  const save = async (order: GqlOrder) => {
    await ingestOrder(ctx.shopId, mapOrder(order), "backfill");
    imported += 1;
  };
  const searchQuery = ordersSinceQuery(ctx.ordersSince);
  if (ctx.mode === "BULK") {
    for await (const parent of runBulkQuery(ctx.client, bulkOrdersQuery(searchQuery), {
      onPoll: () => ctx.progress(),
    })) {
      await save(orderFromBulk(parent));
      if (imported % BULK_PROGRESS_EVERY === 0) await ctx.progress({ ordersImported: imported });
    }
  } else {
    const orderPages = pages<{ orders: GqlConnection<GqlOrder> }, GqlOrder>(
      ctx.client,
      ORDERS_PAGE_QUERY,
      { first: PAGE_SIZE.orders, query: searchQuery },
      (data) => data.orders,
    );
    for await (const page of orderPages) {
      for (const order of page) await save(order);
      await ctx.progress({ ordersImported: imported });
    }
  }
  await ctx.progress({ ordersImported: imported });
  return imported;
}
