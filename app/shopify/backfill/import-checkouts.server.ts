// Abandoned checkouts, for the backfill's last phase and for the periodic sweep.
import { ingestCheckout } from "../../commerce/ingest.server";
import type { ShopAdminClient } from "../admin-client.server";
import { checkoutsPageQuery, PAGE_SIZE } from "../graphql/queries/backfill";
import type { GqlAbandonedCheckout, GqlConnection } from "../graphql/types";
import { mapCheckout } from "./map-checkout";
import { pages } from "./paginate";

export async function importAbandonedCheckouts(params: {
  client: ShopAdminClient;
  shopId: string;
  operationName: "BackfillAbandonedCheckouts" | "SweepAbandonedCheckouts";
  searchQuery: string;
  onPage?: (importedSoFar: number) => Promise<void>;
}): Promise<number> {
  let imported = 0;
  const checkoutPages = pages<{ abandonedCheckouts: GqlConnection<GqlAbandonedCheckout> }, GqlAbandonedCheckout>(
    params.client,
    checkoutsPageQuery(params.operationName),
    { first: PAGE_SIZE.checkouts, query: params.searchQuery },
    (data) => data.abandonedCheckouts,
  );
  for await (const page of checkoutPages) {
    for (const checkout of page) {
      await ingestCheckout(params.shopId, mapCheckout(checkout), "backfill");
      imported += 1;
    }
    await params.onPage?.(imported);
  }
  return imported;
}
