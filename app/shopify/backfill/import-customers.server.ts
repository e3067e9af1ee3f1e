// Phase "customers".
import { ingestCustomer } from "../../commerce/ingest.server";
import { bulkCustomersQuery } from "../graphql/queries/bulk";
import { CUSTOMERS_PAGE_QUERY, PAGE_SIZE } from "../graphql/queries/backfill";
import type { GqlConnection, GqlCustomer } from "../graphql/types";
import { BULK_PROGRESS_EVERY, type BackfillContext } from "./backfill-context";
import { runBulkQuery } from "./bulk-operation.server";
import { mapCustomer } from "./map-customer";
import { pages } from "./paginate";

export async function importCustomers(ctx: BackfillContext): Promise<number> {
  let imported = 0;
  const save = async (customer: GqlCustomer) => {
    await ingestCustomer(ctx.shopId, mapCustomer(customer), "backfill");
    imported += 1;
  };
  if (ctx.mode === "BULK") {
    for await (const { node } of runBulkQuery(ctx.client, bulkCustomersQuery(), { onPoll: () => ctx.progress() })) {
      await save(node as unknown as GqlCustomer);
      if (imported % BULK_PROGRESS_EVERY === 0) await ctx.progress({ customersImported: imported });
    }
  } else {
    const customerPages = pages<{ customers: GqlConnection<GqlCustomer> }, GqlCustomer>(
      ctx.client,
      CUSTOMERS_PAGE_QUERY,
      { first: PAGE_SIZE.customers },
      (data) => data.customers,
    );
    for await (const page of customerPages) {
      for (const customer of page) await save(customer);
      await ctx.progress({ customersImported: imported });
    }
  }
  await ctx.progress({ customersImported: imported });
  return imported;
}
