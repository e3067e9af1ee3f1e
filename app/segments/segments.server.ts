// The shop's segments for the admin: list, one segment (another shop's id answers 404), save (then
// a rebuild job), delete, and the builder's live preview (count and sample members, nothing written).
import { db } from "../db/client.server";
import { isUniqueViolation } from "../commerce/transaction.server";
import { logger } from "../lib/logger.server";
import { compilePredicate, countSql, sampleSql } from "./compile-sql";
import { parseSegmentInput, parseSegmentPreview, readStoredDefinition, type SegmentDefinition } from "./definition";
import { requestSegmentRefresh } from "./jobs.server";
import { resolveShopifySegment, ShopifySegmentQueryError } from "./shopify-members.server";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export interface SegmentListItem {
  id: string;
  name: string;
  memberCount: number;
  refreshState: string;
  refreshError: string | null;
  refreshedAt: string | null;
  conditions: number;
  shopifyQuery: boolean;
}

export async function listSegments(shopId: string): Promise<SegmentListItem[]> {
  const rows = await db().segment.findMany({ where: { shopId }, orderBy: { name: "asc" } });
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    memberCount: s.memberCount,
    refreshState: s.refreshState,
    refreshError: s.refreshError,
    refreshedAt: s.refreshedAt?.toISOString() ?? null,
    conditions: readStoredDefinition(s.definition)?.conditions.length ?? 0,
    shopifyQuery: !!s.shopifyQuery,
  }));
}

export interface SegmentView {
  id: string;
  name: string;
  definition: SegmentDefinition;
  shopifyQuery: string | null;
  memberCount: number;
  refreshState: string;
  refreshError: string | null;
  refreshedAt: string | null;
}

/** The shop's segment, or a 404 Response (also for another shop's id). */
export async function requireSegment(shopId: string, id: string): Promise<SegmentView> {
  const s = await db().segment.findFirst({ where: { id, shopId } });
  if (!s) notFound();
  return {
    id: s.id,
    name: s.name,
    definition: readStoredDefinition(s.definition) ?? { match: "all", conditions: [] },
    shopifyQuery: s.shopifyQuery,
    memberCount: s.memberCount,
    refreshState: s.refreshState,
    refreshError: s.refreshError,
    refreshedAt: s.refreshedAt?.toISOString() ?? null,
  };
}

export type SaveResult = { ok: true; id: string } | { ok: false; field: string; error: string };

/** Creates (id null) or updates the segment, then marks it REFRESHING and enqueues its rebuild. */
export async function saveSegment(shopId: string, id: string | null, value: unknown): Promise<SaveResult> {
  const parsed = parseSegmentInput(value);
  if (!parsed.ok) return parsed;
  const { name, definition, shopifyQuery } = parsed.value;
  let savedId: string;
  try {
    if (id) {
      const updated = await db().segment.updateMany({
        where: { id, shopId },
        data: { name, definition, shopifyQuery, refreshState: "REFRESHING", refreshError: null },
      });
      if (updated.count === 0) notFound();
      savedId = id;
    } else {
      const created = await db().segment.create({
        data: { shopId, name, definition, shopifyQuery, refreshState: "REFRESHING" },
        select: { id: true },
      });
      savedId = created.id;
    }
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "name", error: "name: another segment has this name" };
    throw error;
  }
  await requestSegmentRefresh(shopId, savedId);
  return { ok: true, id: savedId };
}

export async function deleteSegment(shopId: string, id: string): Promise<void> {
  const deleted = await db().segment.deleteMany({ where: { id, shopId } });
  if (deleted.count === 0) notFound();
}

export interface SampleMember {
  id: string;
  name: string;
  contact: string | null;
  rfmGroup: string | null;
  rfmSource: string | null;
  ordersCount: number;
  totalSpent: string;
}

export type PreviewResult =
  | { ok: true; count: number; sample: SampleMember[]; shopifyMembers: number | null }
  | { ok: false; field: string; error: string };

interface SampleRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  rfmGroup: string | null;
  rfmSource: string | null;
  ordersCount: number;
  totalSpent: string;
}

/**
 * The builder's live count and ten sample members for a definition as edited (and its Shopify query,
 * resolved through the Admin API). Returns a field error for bad input or a query Shopify refuses.
 */
export async function previewSegment(shop: { id: string; domain: string }, value: unknown): Promise<PreviewResult> {
  const parsed = parseSegmentPreview(value);
  if (!parsed.ok) return parsed;
  const { definition, shopifyQuery } = parsed.value;
  let shopifyCustomerIds: bigint[] | null = null;
  try {
    if (shopifyQuery) shopifyCustomerIds = await resolveShopifySegment(shop.domain, shopifyQuery);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.info({ shopId: shop.id, err: message }, "segment preview: Shopify query failed");
    if (error instanceof ShopifySegmentQueryError) return { ok: false, field: "shopifyQuery", error: message };
    return { ok: false, field: "shopifyQuery", error: `Shopify could not be asked for the segment: ${message}` };
  }
  const predicate = compilePredicate(shop.id, definition, { shopifyCustomerIds });
  const [[{ count }], rows] = await Promise.all([
    db().$queryRaw<{ count: number }[]>(countSql(predicate)),
    db().$queryRaw<SampleRow[]>(sampleSql(predicate)),
  ]);
  return {
    ok: true,
    count,
    shopifyMembers: shopifyCustomerIds?.length ?? null,
    sample: rows.map((r) => ({
      id: r.id,
      name: [r.firstName, r.lastName].filter(Boolean).join(" ") || r.email || r.phone || "Unnamed customer",
      contact: r.email ?? r.phone,
      rfmGroup: r.rfmGroup,
      rfmSource: r.rfmSource,
      ordersCount: r.ordersCount,
      totalSpent: r.totalSpent,
    })),
  };
}
