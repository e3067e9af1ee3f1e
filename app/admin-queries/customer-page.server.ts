// Everything the customer page shows: the profile, one page of its timeline and, when the
// merchant comes back from a merge, which way the merge went in the names it had then.
import { mergeOutcome } from "../customers/merge/merge.server";
import type { PageDirection } from "./cursor.server";
import { getCustomerDetail, listCustomerTimeline } from "./customers.server";

export async function getCustomerPage(opts: {
  shopId: string;
  customerId: string;
  timelineCursor?: string;
  timelineDirection?: PageDirection;
  mergedId?: string;
}) {
  const detail = await getCustomerDetail(opts.shopId, opts.customerId);
  const timeline = await listCustomerTimeline({
    shopId: opts.shopId,
    customerId: opts.customerId,
    cursor: opts.timelineCursor,
    direction: opts.timelineDirection,
  });
  const merge = opts.mergedId ? await mergeOutcome(opts.shopId, opts.mergedId, opts.customerId) : null;
  return { ...detail, timeline, merge };
}
