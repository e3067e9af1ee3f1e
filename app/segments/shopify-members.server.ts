// A Shopify segment query (the segment query language, e.g. `number_of_orders >= 2 AND
// customer_countries CONTAINS 'US'`) resolved to Shopify customer ids through the Admin API's
// customerSegmentMembers(query:, first:, after:), a page of up to 1,000 members at a time. The
// throttle-aware client (app/shopify/admin-client.server.ts) paces every page against the shop's
// cost bucket, as the backfill does, and retries THROTTLED and 5xx answers.
import { adminClientForShop, type ShopAdminClient } from "../shopify/admin-client.server";
import { AdminApiError } from "../shopify/graphql/errors";
import { gidToBigInt } from "../shopify/graphql/gid";

/** Shopify's maximum page size for customerSegmentMembers. */
export const SEGMENT_MEMBERS_PAGE_SIZE = 1000;

export const SEGMENT_MEMBERS_QUERY = `query SegmentMembers($query: String!, $first: Int!, $after: String) {
  customerSegmentMembers(query: $query, first: $first, after: $after) {
    edges { node { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface SegmentMembersPage {
  customerSegmentMembers: {
    edges: { node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Shopify understood the request and refused the query itself (syntax, unknown filter): no retry helps. */
export class ShopifySegmentQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShopifySegmentQueryError";
  }
}

function refusal(error: unknown): ShopifySegmentQueryError | null {
  if (!(error instanceof AdminApiError)) return null;
  const graphQLErrors = error.details.graphQLErrors ?? [];
  const status = error.details.status;
  if (graphQLErrors.length === 0 && !(status !== undefined && status >= 400 && status < 500 && status !== 429))
    return null;
  const detail = graphQLErrors.map((e) => e.message).join("; ") || error.message;
  return new ShopifySegmentQueryError(`Shopify refused the segment query: ${detail}`);
}

/** Every member's Shopify customer id (a member's id carries the customer's number). */
export async function shopifySegmentCustomerIds(client: ShopAdminClient, query: string): Promise<bigint[]> {
  const ids: bigint[] = [];
  let after: string | null = null;
  for (;;) {
    let page: SegmentMembersPage;
    try {
      page = await client.query<SegmentMembersPage>(SEGMENT_MEMBERS_QUERY, {
        query,
        first: SEGMENT_MEMBERS_PAGE_SIZE,
        after,
      });
    } catch (error) {
      throw refusal(error) ?? error;
    }
    const connection = page.customerSegmentMembers;
    for (const edge of connection.edges) ids.push(gidToBigInt(edge.node.id));
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return ids;
    after = connection.pageInfo.endCursor;
  }
}

export async function resolveShopifySegment(shopDomain: string, query: string): Promise<bigint[]> {
  return shopifySegmentCustomerIds(await adminClientForShop(shopDomain), query);
}
