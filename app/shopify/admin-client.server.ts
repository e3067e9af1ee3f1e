// The one way Threadline reads a shop: a GraphQL Admin API client that paces
// itself against Shopify's cost bucket, retries what is worth retrying, and
// counts the time it spent waiting so a backfill can report it.
import { createAdminApiClient } from "@shopify/admin-api-client";
import { config } from "../config.server";
import { logger } from "../lib/logger.server";
import { rewriteAdminApiUrl } from "./graphql/base-url";
import { AdminApiError, type GraphQLErrorDetail } from "./graphql/errors";
import { bucketFor, queryCostSchema, type QueryCost, type ShopBucket } from "./graphql/throttle";

export const ADMIN_API_VERSION = "2026-10";

export interface AdminClientOptions {
  /** Injected by tests that want to observe waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
  /** Retries of 5xx answers and network failures. */
  maxTransientRetries?: number;
  transientBackoffMs?: number;
  /** THROTTLED answers are expected under load; this only stops a pathological loop. */
  maxThrottleRetries?: number;
  bucket?: ShopBucket;
}

export interface ShopAdminClient {
  readonly shopDomain: string;
  query<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
  /** Total milliseconds spent waiting for the cost bucket (before queries and after THROTTLED answers). */
  readonly throttledMs: number;
  readonly lastCost: QueryCost | undefined;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function operationNameOf(document: string): string | undefined {
  return /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(document)?.[1];
}

/** fetch that sends https://<shop>/admin/api/... to SHOPIFY_ADMIN_API_BASE_URL when it is set. */
export function adminApiFetch(baseUrl: string | undefined = config().SHOPIFY_ADMIN_API_BASE_URL): typeof fetch {
  return (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
    return fetch(rewriteAdminApiUrl(url, baseUrl), init);
  };
}

function throttleWaitMs(cost: QueryCost | undefined, fallbackMs = 1000): number {
  if (!cost) return fallbackMs;
  const { currentlyAvailable, restoreRate, maximumAvailable } = cost.throttleStatus;
  const requested = Math.min(cost.requestedQueryCost ?? maximumAvailable, maximumAvailable);
  if (restoreRate <= 0) return fallbackMs;
  return Math.max(50, Math.ceil(((requested - currentlyAvailable) / restoreRate) * 1000));
}

export function createShopAdminClient(
  params: { shopDomain: string; accessToken: string } & AdminClientOptions,
): ShopAdminClient {
  const { shopDomain, accessToken } = params;
  const sleep = params.sleep ?? defaultSleep;
  const maxTransientRetries = params.maxTransientRetries ?? 4;
  const transientBackoffMs = params.transientBackoffMs ?? 500;
  const maxThrottleRetries = params.maxThrottleRetries ?? 50;
  const bucket = params.bucket ?? bucketFor(shopDomain);
  const client = createAdminApiClient({
    storeDomain: shopDomain,
    apiVersion: ADMIN_API_VERSION,
    accessToken,
    customFetchApi: adminApiFetch(),
    // Our own retry loop below counts and paces retries; the library's would hide them.
    retries: 0,
    logger: (entry) => {
      if (entry.type === "Unsupported_Api_Version")
        logger.warn({ entry: entry.content }, "Admin API version not in the client's list");
    },
  });

  let throttledMs = 0;
  let lastCost: QueryCost | undefined;

  async function waitThrottled(ms: number) {
    if (ms <= 0) return;
    throttledMs += ms;
    await sleep(ms);
  }

  async function query<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
    const operationName = operationNameOf(document);
    let transientFailures = 0;
    let throttledAnswers = 0;
    for (;;) {
      await waitThrottled(bucket.waitMs(bucket.expectedCost(operationName)));
      const response = await client.request(document, { variables });
      const cost = queryCostSchema.safeParse(response.extensions?.cost);
      if (cost.success) {
        lastCost = cost.data;
        bucket.observe(cost.data, operationName);
      }
      if (!response.errors) return response.data as T;

      const graphQLErrors = (response.errors.graphQLErrors ?? []) as GraphQLErrorDetail[];
      const status = response.errors.networkStatusCode;
      const throttled = graphQLErrors.some((e) => e.extensions?.code === "THROTTLED") || status === 429;
      if (throttled && throttledAnswers < maxThrottleRetries) {
        throttledAnswers += 1;
        const retryAfter = Number(response.errors.response?.headers.get("Retry-After"));
        await waitThrottled(
          status === 429 && retryAfter > 0 ? retryAfter * 1000 : throttleWaitMs(cost.success ? cost.data : undefined),
        );
        continue;
      }
      const transient = !throttled && (status === undefined ? graphQLErrors.length === 0 : status >= 500);
      if (transient && transientFailures < maxTransientRetries) {
        const delay = transientBackoffMs * 2 ** transientFailures;
        transientFailures += 1;
        logger.warn(
          { shop: shopDomain, operationName, status, delay, err: response.errors.message },
          "Admin API transient failure, retrying",
        );
        await sleep(delay);
        continue;
      }
      const detail = graphQLErrors.map((e) => e.message).join("; ");
      throw new AdminApiError(
        `Admin API ${operationName ?? "query"} for ${shopDomain} failed${status ? ` (HTTP ${status})` : ""}: ${detail || response.errors.message}`,
        { status, operationName, graphQLErrors },
      );
    }
  }

  return {
    shopDomain,
    query,
    get throttledMs() {
      return throttledMs;
    },
    get lastCost() {
      return lastCost;
    },
  };
}

/** A client for an installed shop, authenticated with its stored offline token. */
export async function adminClientForShop(
  shopDomain: string,
  options: AdminClientOptions = {},
): Promise<ShopAdminClient> {
  // Loaded on demand: the session storage drags in the whole Remix app configuration,
  // which the client itself (and its unit tests) do not need.
  const { loadOfflineSession } = await import("./graphql/offline-session.server");
  const session = await loadOfflineSession(shopDomain);
  return createShopAdminClient({ shopDomain, accessToken: session.accessToken, ...options });
}
