// Cursor pagination over one connection, a page at a time.
import type { ShopAdminClient } from "../admin-client.server";
import type { GqlConnection } from "../graphql/types";

export async function* pages<TData, TNode>(
  client: ShopAdminClient,
  document: string,
  variables: Record<string, unknown>,
  connectionOf: (data: TData) => GqlConnection<TNode>,
): AsyncGenerator<TNode[]> {
  let after: string | null = null;
  for (;;) {
    const data: TData = await client.query<TData>(document, { ...variables, after });
    const connection = connectionOf(data);
    yield connection.nodes;
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
    after = connection.pageInfo.endCursor;
  }
}
