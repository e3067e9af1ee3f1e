// The BackfillRun row is what the admin shows while an import runs; every write
// here also bumps updatedAt, which is how the reconciler tells a live run from a dead one.
import { db } from "../../db/client.server";
import type { Prisma } from "../../generated/prisma/client";

export type BackfillPhase = "shop" | "customers" | "orders" | "checkouts" | "products" | "done";
export const PHASES: BackfillPhase[] = ["shop", "customers", "orders", "checkouts", "products", "done"];

export async function recordProgress(runId: string, patch: Prisma.BackfillRunUpdateInput) {
  await db().backfillRun.update({ where: { id: runId }, data: patch });
}
