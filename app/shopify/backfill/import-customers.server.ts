// Phase "customers".
import { ingestCustomer } from "../../commerce/ingest.server";
import { bulkCustomersQuery } from "../graphql/queries/bulk";
import { CUSTOMERS_PAGE_QUERY, PAGE_SIZE } from "../graphql/queries/backfill";
import type { GqlConnection, GqlCustomer } from "../graphql/types";
import { BULK_PROGRESS_EVERY, type BackfillContext } from "./backfill-context";
import { runBulkQuery } from "./bulk-operation.server";
import { mapCustomer, mapCustomerRfmGroup } from "./map-customer";
import { recordShopifyRfmGroups } from "../../segments/rfm.server";
import { pages } from "./paginate";

export async function importCustomers(ctx: BackfillContext): Promise<number> {
  let imported = 0;
  // Shopify's RFM groups, written a page (or a bulk progress step) at a time in one statement.
  let rfmGroups: { customerId: string; rfmGroup: string | null }[] = [];
  const flushRfm = async () => {
    await recordShopifyRfmGroups(ctx.shopId, rfmGroups);
    rfmGroups = [];
  };
  const save = async (customer: GqlCustomer) => {
    const { customerId } = await ingestCustomer(ctx.shopId, mapCustomer(customer), "backfill");
    rfmGroups.push({ customerId, rfmGroup: mapCustomerRfmGroup(customer) });
    imported += 1;
  };
  if (ctx.mode === "BULK") {
    for await (const { node } of runBulkQuery(ctx.client, bulkCustomersQuery(), { onPoll: () => ctx.progress() })) {
      await save(node as unknown as GqlCustomer);
      if (imported % BULK_PROGRESS_EVERY === 0) {
        await flushRfm();
        await ctx.progress({ customersImported: imported });
      }
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
      await flushRfm();
      await ctx.progress({ customersImported: imported });
    }
  }
  await flushRfm();
  await ctx.progress({ customersImported: imported });
  return imported;
}
