// How many surveys were skipped for each reason since a date: the settings page shows the WhatsApp
// window's count beside the template fields, so a merchant sees what a template would recover.
import { db } from "../db/client.server";

export async function csatSkipCounts(shopId: string, since: Date): Promise<Record<string, number>> {
  const rows = await db().csatSurvey.groupBy({
    by: ["skipReason"],
    where: { shopId, state: "SKIPPED", createdAt: { gte: since } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.skipReason ?? "unknown", r._count._all]));
}
