// Browse abandonment (issue 15 clause 5: "viewed, not carted, not bought"). Who enters:
// browse-candidates.server.ts (trusted views only: browse-trusted-views.server.ts); what stops a
// run: browse-rules.ts + browse-stop-facts.server.ts; `product` for the copy: browse-product.server.ts.
import { lifecycleSettingsSchemas } from "../flows/lifecycle/settings";
import { enrolCandidates } from "./enrol.server";
import type { LifecycleFlow } from "./lifecycle-flow";
import { browseCandidates } from "./browse-candidates.server";
import { latestAvailableProduct, sampleBrowseProduct } from "./browse-product.server";
import {
  browseRunContext,
  browseStopReason,
  browseTriggerKey,
  browseWindow,
  viewedAtOf,
  viewedProductIdsOf,
} from "./browse-rules";
import { browseStopFacts } from "./browse-stop-facts.server";

export const NO_VIEWED_PRODUCT_AVAILABLE = "none of the products the customer viewed is available any more";

export const browseAbandonment: LifecycleFlow<"BROWSE_ABANDONMENT"> = {
  kind: "BROWSE_ABANDONMENT",

  async enrol(flow, now) {
    const settings = lifecycleSettingsSchemas.BROWSE_ABANDONMENT.parse(flow.settings ?? {});
    const candidates = await browseCandidates(flow.shopId, flow.id, browseWindow(settings, now), now);
    return enrolCandidates(
      flow,
      candidates.map((c) => ({
        customerId: c.customerId,
        triggerKey: browseTriggerKey(c.customerId, c.viewEventId),
        anchor: c.viewedAt,
        context: browseRunContext(c.viewedAt, c.productIds ?? []),
      })),
      now,
    );
  },

  async stopReason(run) {
    return browseStopReason(await browseStopFacts(run, viewedAtOf(run.context, run.startedAt)));
  },

  async templateExtras(run) {
    const product = await latestAvailableProduct(run.shopId, viewedProductIdsOf(run.context));
    return product ? { extras: { product } } : { skip: NO_VIEWED_PRODUCT_AVAILABLE };
  },

  sampleExtras(shopUrl) {
    return { product: sampleBrowseProduct(shopUrl) };
  },
};
