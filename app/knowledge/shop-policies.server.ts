// The shop's own policies (refund, shipping, privacy, terms, contact and any other Shopify holds)
// as knowledge articles: read through the Admin API (ShopPolicies), one article per policy type
// (source SHOP_POLICY, sourceRef = the type), published, in the shop's language. A refresh makes
// the articles exactly what Shopify holds: a new policy is added, a changed one rewritten, an
// unchanged one left alone, one that disappeared or was emptied removed, and Shop.policiesSyncedAt
// set, all in one transaction. When Shopify cannot be read nothing is touched.
import { inRetryingTransaction } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import { adminClientForShop, type AdminClientOptions } from "../shopify/admin-client.server";
import { AdminApiError, MissingOfflineSessionError } from "../shopify/graphql/errors";
import { SHOP_POLICIES_QUERY, type ShopPoliciesData } from "../shopify/graphql/queries/shop-policies";
import { syncSourceArticles, type SyncedArticle } from "./articles.server";
import { defaultKnowledgeLocale, MAX_ARTICLE_TITLE } from "./limits";
import { policyHtmlToText } from "./policy-text";

export const POLICY_TAGS = ["policy"];

/** A title for a policy whose own title is blank ("LEGAL_NOTICE" → "Legal notice"). */
export function policyTypeLabel(type: string): string {
  const words = type.toLowerCase().replace(/_/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Policy";
}

export type PolicyRefreshResult =
  | { ok: true; created: number; updated: number; removed: number; unchanged: number; syncedAt: Date }
  | { ok: false; reason: "not_installed" | "no_offline_session" | "admin_api"; message: string };

const log = logger.child({ module: "shop-policies" });

/** Pure: what Shopify answered → the articles it describes (empty policies left out, one per type). */
export function policyArticles(data: ShopPoliciesData, locale: string): SyncedArticle[] {
  const byType = new Map<string, SyncedArticle>();
  for (const policy of data.shop?.shopPolicies ?? []) {
    if (!policy?.type || byType.has(policy.type)) continue;
    const answer = policyHtmlToText(policy.body ?? "");
    if (!answer) continue;
    const title = (policy.title ?? "").replace(/\s+/g, " ").trim() || policyTypeLabel(policy.type);
    byType.set(policy.type, {
      title: title.slice(0, MAX_ARTICLE_TITLE),
      answer,
      tags: POLICY_TAGS,
      locale,
      sourceRef: policy.type,
    });
  }
  return [...byType.values()];
}

function unreadable(error: unknown): string {
  if (error instanceof AdminApiError) {
    const denied = error.details.graphQLErrors?.some((e) => e.extensions?.code === "ACCESS_DENIED");
    if (denied)
      return "Shopify refused to share the policies: approve Threadline's updated access (read_legal_policies) in Shopify admin.";
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Shopify could not be read (${detail}).`;
}

export async function refreshShopPolicies(
  shopId: string,
  options: { adminClient?: AdminClientOptions; now?: Date } = {},
): Promise<PolicyRefreshResult> {
  const shop = await db().shop.findUnique({ where: { id: shopId } });
  if (!shop || shop.uninstalledAt) return { ok: false, reason: "not_installed", message: "The shop is not installed." };

  let data: ShopPoliciesData;
  try {
    const client = await adminClientForShop(shop.domain, options.adminClient);
    data = await client.query<ShopPoliciesData>(SHOP_POLICIES_QUERY);
  } catch (error) {
    if (error instanceof MissingOfflineSessionError) {
      log.warn({ shop: shop.domain }, error.message);
      return { ok: false, reason: "no_offline_session", message: error.message };
    }
    const message = `${unreadable(error)} Your policy articles were left as they were.`;
    log.warn(
      { shop: shop.domain, err: error instanceof Error ? error.message : String(error) },
      "policy refresh failed",
    );
    return { ok: false, reason: "admin_api", message };
  }

  const articles = policyArticles(data, defaultKnowledgeLocale(shop.primaryLocale));
  const syncedAt = options.now ?? new Date();
  const counts = await inRetryingTransaction(async (tx) => {
    const result = await syncSourceArticles(tx, shopId, "SHOP_POLICY", articles);
    await tx.shop.update({ where: { id: shopId }, data: { policiesSyncedAt: syncedAt } });
    return result;
  });
  log.info({ shop: shop.domain, ...counts }, "shop policies refreshed");
  return { ok: true, ...counts, syncedAt };
}

/** What the Knowledge page shows about policies: when they were last read, and how many there are. */
export async function policiesStatus(shopId: string): Promise<{ syncedAt: Date | null; count: number }> {
  const [shop, count] = await Promise.all([
    db().shop.findUnique({ where: { id: shopId }, select: { policiesSyncedAt: true } }),
    db().knowledgeArticle.count({ where: { shopId, source: "SHOP_POLICY" } }),
  ]);
  return { syncedAt: shop?.policiesSyncedAt ?? null, count };
}

/** "Refreshed: 1 new, 2 updated, 1 removed, 2 unchanged." */
export function describeRefresh(result: Extract<PolicyRefreshResult, { ok: true }>): string {
  const parts = [
    result.created ? `${result.created} new` : null,
    result.updated ? `${result.updated} updated` : null,
    result.removed ? `${result.removed} removed` : null,
    result.unchanged ? `${result.unchanged} unchanged` : null,
  ].filter(Boolean);
  return parts.length
    ? `Policies refreshed: ${parts.join(", ")}.`
    : "Policies refreshed: Shopify holds no policies for this shop.";
}
