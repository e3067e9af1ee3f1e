// customers/data_request exports kept for the merchant to pass on.
import { db } from "../db/client.server";
import { notFound } from "./cursor.server";

export async function listDataRequests(shopId: string, take = 100) {
  const rows = await db().dataRequest.findMany({
    where: { shopId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, shopifyCustomerId: true, email: true, phone: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, shopifyCustomerId: r.shopifyCustomerId?.toString() ?? null }));
}

/** The export as a JSON document, 404 unless it is this shop's. */
export async function getDataRequestExport(shopId: string, id: string) {
  const row = await db().dataRequest.findFirst({
    where: { id, shopId },
    select: { id: true, export: true, createdAt: true },
  });
  if (!row) notFound();
  return {
    filename: `data-request-${row.createdAt.toISOString().slice(0, 10)}-${row.id}.json`,
    body: JSON.stringify(row.export, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2),
  };
}
