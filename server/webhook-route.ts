// POST /webhooks, served before Remix. Shopify's webhooks are the app's hottest
// path and need nothing from Remix (no session, no rendering), so they skip its
// request pipeline; the handler is the same one the Remix route calls
// (docs/decisions/0010-webhook-fast-path.md).
import { Readable } from "node:stream";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { handleShopifyWebhook } from "../app/webhooks/intake.server";
import { logger } from "../app/lib/logger.server";

function toFetchRequest(req: ExpressRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return new Request(`http://${req.headers.host ?? "localhost"}${req.originalUrl}`, {
    method: req.method,
    headers,
    body: Readable.toWeb(req) as ReadableStream,
    duplex: "half",
  } as RequestInit);
}

export async function shopifyWebhookRoute(req: ExpressRequest, res: ExpressResponse) {
  try {
    const response = await handleShopifyWebhook(toFetchRequest(req));
    res.status(response.status);
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    logger.error({ err: (error as Error).message }, "shopify webhook intake failed");
    if (!res.headersSent) res.status(500).end("internal error");
  }
}
