// Runs one bulk query to completion and streams its result, folded by parent.
import type { ShopAdminClient } from "../admin-client.server";
import { AdminApiError, AdminUserError } from "../graphql/errors";
import { BULK_POLL_QUERY, BULK_RUN_MUTATION, CURRENT_BULK_OPERATION_QUERY } from "../graphql/queries/bulk";
import type { GqlBulkOperation } from "../graphql/types";
import { foldBulkLines, textLines, type BulkParent } from "./bulk-jsonl";

export interface BulkPollOptions {
  firstPollMs?: number;
  maxPollMs?: number;
  /** Called on every poll, so a long wait still shows the run is alive. */
  onPoll?: (operation: GqlBulkOperation) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  /** Return a failed operation instead of throwing (when waiting out someone else's). */
  tolerateFailure?: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type RunQueryAnswer = {
  bulkOperationRunQuery: {
    bulkOperation: { id: string } | null;
    userErrors: { field?: string[] | null; message: string }[];
  };
};

const FINISHED = new Set(["COMPLETED", "FAILED", "CANCELED", "EXPIRED"]);

/**
 * Starts a bulk query. A crashed earlier attempt may have left its own bulk
 * operation running, and Shopify allows one at a time: wait for that one to end
 * (its result is not ours to trust) and start again.
 */
export async function startBulkQuery(
  client: ShopAdminClient,
  query: string,
  options: BulkPollOptions = {},
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const data = await client.query<RunQueryAnswer>(BULK_RUN_MUTATION, { query });
    const { bulkOperation, userErrors } = data.bulkOperationRunQuery;
    if (bulkOperation && !userErrors.length) return bulkOperation.id;
    const inProgress = userErrors.some((e) => /already in progress/i.test(e.message));
    if (inProgress && attempt < 2) {
      const { currentBulkOperation } = await client.query<{ currentBulkOperation: GqlBulkOperation | null }>(
        CURRENT_BULK_OPERATION_QUERY,
      );
      if (currentBulkOperation && !FINISHED.has(currentBulkOperation.status)) {
        await waitForBulkOperation(client, currentBulkOperation.id, { ...options, tolerateFailure: true });
      }
      continue;
    }
    throw new AdminUserError(
      `bulkOperationRunQuery refused: ${userErrors.map((e) => e.message).join("; ") || "no operation returned"}`,
    );
  }
}

export async function waitForBulkOperation(
  client: ShopAdminClient,
  id: string,
  options: BulkPollOptions = {},
): Promise<GqlBulkOperation> {
  const sleep = options.sleep ?? defaultSleep;
  let delay = options.firstPollMs ?? 250;
  for (;;) {
    await sleep(delay);
    const { node } = await client.query<{ node: GqlBulkOperation | null }>(BULK_POLL_QUERY, { id });
    if (!node) throw new AdminApiError(`Bulk operation ${id} vanished`);
    await options.onPoll?.(node);
    if (node.status === "COMPLETED") return node;
    if (node.status === "FAILED" || node.status === "CANCELED" || node.status === "EXPIRED") {
      if (options.tolerateFailure) return node;
      throw new AdminApiError(
        `Bulk operation ${id} ended ${node.status}${node.errorCode ? ` (${node.errorCode})` : ""}`,
      );
    }
    delay = Math.min(delay * 2, options.maxPollMs ?? 5000);
  }
}

/** The result file is a signed storage URL, not the Admin API: plain fetch, no token. */
export async function* downloadBulkResult(url: string | null | undefined): AsyncGenerator<BulkParent> {
  // An operation that matched nothing completes without a file.
  if (!url) return;
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new AdminApiError(`Bulk result download failed (HTTP ${response.status})`);
  yield* foldBulkLines(textLines(response.body as unknown as AsyncIterable<Uint8Array>));
}

export async function* runBulkQuery(
  client: ShopAdminClient,
  query: string,
  options: BulkPollOptions = {},
): AsyncGenerator<BulkParent> {
  const id = await startBulkQuery(client, query, options);
  const done = await waitForBulkOperation(client, id, options);
  yield* downloadBulkResult(done.url);
}
