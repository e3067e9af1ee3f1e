/** Where a payload came from; the backfill only lists abandoned checkouts, which changes their meaning. */
export type IngestSource = "webhook" | "backfill";
