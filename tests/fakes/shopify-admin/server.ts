// A local stand-in for one shop's GraphQL Admin API, speaking the real wire format.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BulkOperations } from "./bulk-operations";
import { actualQueryCost, CostBucket, estimateQueryCost, type BucketSettings } from "./cost-bucket";
import type { FakeShopDataset } from "./dataset";
import { OPERATIONS } from "./operations";
import { answerTokenExchange, type TokenExchangeSettings } from "./token-exchange";

export const FAKE_API_VERSION = "2026-10";

export interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body ({ query, variables }) of GraphQL requests. */
  body: { query?: string; variables?: Record<string, unknown> } | undefined;
  /** The fields of a token-exchange POST /admin/oauth/access_token (JSON or form-encoded). */
  tokenFields?: Record<string, string>;
  operationName: string | undefined;
  /** How the fake answered. */
  outcome: "ok" | "throttled" | "unauthorized" | "failed" | "error" | "not_found";
}

export interface FakeShopifyAdminOptions {
  dataset: FakeShopDataset;
  port?: number;
  host?: string;
  bucket?: BucketSettings;
  /** When set, only this token is accepted; otherwise any non-empty token is. */
  accessToken?: string;
  /** The next `times` GraphQL requests answer with this HTTP status (for 5xx retry tests). */
  failNext?: { status: number; times?: number };
  /** The next `times` GraphQL requests answer THROTTLED whatever the bucket holds. */
  throttleNext?: number;
  /** Who the token exchange names (token-exchange.ts). */
  tokenExchange?: TokenExchangeSettings;
}

export interface FakeShopifyAdmin {
  url: string;
  requests: CapturedRequest[];
  dataset: FakeShopDataset;
  setDataset(dataset: FakeShopDataset): void;
  failNext(status: number, times?: number): void;
  throttleNext(times?: number): void;
  /** Empties the cost bucket now (it then restores at its rate). */
  drainBucket(): void;
  /** Requests of one operation, in order. */
  requestsFor(operationName: string): CapturedRequest[];
  /** Token-exchange requests, in order. */
  tokenRequests(): CapturedRequest[];
  /** The next `times` token exchanges answer with this HTTP status. */
  failTokenExchange(status: number, times?: number): void;
  /**
   * The next `times` requests of this operation take effect, but their answer is lost (HTTP 502):
   * what the app sees when Shopify created something and the answer never arrived.
   */
  loseAnswers(operationName: string, times?: number): void;
  bulkOperations: BulkOperations;
  close(): Promise<void>;
}

const TOKEN_PATH = "/admin/oauth/access_token";
const DEFAULT_BUCKET: BucketSettings = { maximumAvailable: 2000, restoreRate: 100 };
const THROTTLED_DOCS = "https://shopify.dev/api/usage/limits#rate-limits";

function operationNameOf(query: string | undefined): string | undefined {
  return query ? /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1] : undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

export async function startFakeShopifyAdmin(options: FakeShopifyAdminOptions): Promise<FakeShopifyAdmin> {
  let dataset = options.dataset;
  const bucket = new CostBucket(options.bucket ?? DEFAULT_BUCKET);
  const bulkOperations = new BulkOperations();
  const requests: CapturedRequest[] = [];
  let failures = options.failNext ? { status: options.failNext.status, left: options.failNext.times ?? 1 } : undefined;
  let forcedThrottles = options.throttleNext ?? 0;
  let tokenFailures = { status: 500, left: 0 };
  const lostAnswers = new Map<string, number>();
  const graphqlPath = `/admin/api/${FAKE_API_VERSION}/graphql.json`;
  let baseUrl = "";

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "/").split("?")[0];
    const captured: CapturedRequest = {
      method: req.method ?? "GET",
      path,
      headers: req.headers,
      body: undefined,
      operationName: undefined,
      outcome: "ok",
    };
    requests.push(captured);

    const bulkFile = /^\/bulk\/(\d+)\.jsonl$/.exec(path);
    if (req.method === "GET" && bulkFile) {
      const jsonl = bulkOperations.jsonlOf(Number(bulkFile[1]));
      if (jsonl === undefined) {
        captured.outcome = "not_found";
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/jsonl" });
      res.end(jsonl);
      return;
    }
    if (req.method === "POST" && path === TOKEN_PATH) {
      const raw = await readBody(req);
      const form = /json/.test(String(req.headers["content-type"] ?? ""))
        ? (JSON.parse(raw || "{}") as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(raw));
      captured.tokenFields = form;
      if (tokenFailures.left > 0) {
        tokenFailures.left -= 1;
        captured.outcome = "failed";
        sendJson(res, tokenFailures.status, { error: "server_error", error_description: "Internal Server Error" });
        return;
      }
      const answer = answerTokenExchange(form, options.tokenExchange ?? {});
      if (answer.status !== 200) captured.outcome = "unauthorized";
      sendJson(res, answer.status, answer.body);
      return;
    }
    if (req.method !== "POST" || path !== graphqlPath) {
      captured.outcome = "not_found";
      sendJson(res, 404, { errors: "Not Found" });
      return;
    }

    const raw = await readBody(req);
    try {
      captured.body = JSON.parse(raw);
    } catch {
      captured.outcome = "error";
      sendJson(res, 400, { errors: "Bad Request: body is not JSON" });
      return;
    }
    captured.operationName = operationNameOf(captured.body?.query);

    const token = req.headers["x-shopify-access-token"];
    if (!token || (options.accessToken && token !== options.accessToken)) {
      captured.outcome = "unauthorized";
      sendJson(res, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
      return;
    }
    if (failures && failures.left > 0) {
      failures.left -= 1;
      captured.outcome = "failed";
      sendJson(res, failures.status, { errors: "Internal Server Error" });
      return;
    }

    const handler = captured.operationName ? OPERATIONS[captured.operationName] : undefined;
    if (!handler) {
      captured.outcome = "error";
      sendJson(res, 200, {
        errors: [
          { message: `The fake Shopify Admin does not know operation ${captured.operationName ?? "(anonymous)"}` },
        ],
      });
      return;
    }

    const variables = captured.body?.variables ?? {};
    const requestedQueryCost = estimateQueryCost(captured.body?.query ?? "", variables);
    const maximum = bucket.status().maximumAvailable;
    if (requestedQueryCost > maximum) {
      captured.outcome = "error";
      sendJson(res, 200, {
        errors: [
          {
            message: `Query cost is ${requestedQueryCost}, which exceeds the single query max cost limit (${maximum}).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost: requestedQueryCost, maxCost: maximum },
          },
        ],
        extensions: { cost: { requestedQueryCost, actualQueryCost: null, throttleStatus: bucket.status() } },
      });
      return;
    }
    const forced = forcedThrottles > 0;
    if (forced) forcedThrottles -= 1;
    if (forced || !bucket.tryTake(requestedQueryCost)) {
      captured.outcome = "throttled";
      sendJson(res, 200, {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: THROTTLED_DOCS } }],
        extensions: { cost: { requestedQueryCost, actualQueryCost: null, throttleStatus: bucket.status() } },
      });
      return;
    }

    const answer = handler({ dataset, variables, bulk: bulkOperations, baseUrl });
    const lose = lostAnswers.get(captured.operationName!) ?? 0;
    if (lose > 0) {
      lostAnswers.set(captured.operationName!, lose - 1);
      captured.outcome = "failed";
      sendJson(res, 502, { errors: "Bad Gateway" });
      return;
    }
    const actual = actualQueryCost(requestedQueryCost, variables, answer.returnedNodes);
    bucket.refund(requestedQueryCost - actual);
    sendJson(res, 200, {
      data: answer.data,
      ...(answer.errors ? { errors: answer.errors } : {}),
      extensions: { cost: { requestedQueryCost, actualQueryCost: actual, throttleStatus: bucket.status() } },
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: String(error instanceof Error ? error.message : error) });
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host}:${port}`;

  return {
    url: baseUrl,
    requests,
    get dataset() {
      return dataset;
    },
    setDataset(next) {
      dataset = next;
    },
    failNext(status, times = 1) {
      failures = { status, left: times };
    },
    throttleNext(times = 1) {
      forcedThrottles = times;
    },
    drainBucket() {
      bucket.drain();
    },
    requestsFor(operationName) {
      return requests.filter((r) => r.operationName === operationName);
    },
    tokenRequests() {
      return requests.filter((r) => r.path === TOKEN_PATH);
    },
    failTokenExchange(status, times = 1) {
      tokenFailures = { status, left: times };
    },
    loseAnswers(operationName, times = 1) {
      lostAnswers.set(operationName, times);
    },
    bulkOperations,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
