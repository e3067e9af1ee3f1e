import type { BackfillMode, Prisma } from "../../generated/prisma/client";
import type { ShopAdminClient } from "../admin-client.server";

/** What every phase of one run needs. */
export interface BackfillContext {
  runId: string;
  shopId: string;
  client: ShopAdminClient;
  /** Orders created on or after this are imported (90 days before the run first started). */
  ordersSince: Date;
  mode: BackfillMode;
  /** Writes progress (and the client's throttle time) onto the BackfillRun row. */
  progress(patch?: Prisma.BackfillRunUpdateInput): Promise<void>;
}

export const HISTORY_DAYS = 90;
/** Bulk progress is written every this many records rather than per record. */
export const BULK_PROGRESS_EVERY = 100;
