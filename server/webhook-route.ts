// POST /webhooks, served by the bare Node HTTP server before Express and Remix. Shopify's webhooks
// are the app's hottest path and need nothing from either (no session, no rendering, no
// middleware), so the request is read straight off the socket: no fetch Request, no web streams
// (docs/decisions/0010-webhook-fast-path.md). The intake itself is the one the Remix route uses.
import type { IncomingMessage, ServerResponse } from "node:http";
import { acceptShopifyWebhook } from "../app/webhooks/intake.server";
import { BodyTooLargeError } from "../app/webhooks/read-body.server";
import { logger } from "../app/lib/logger.server";

export function isShopifyWebhookRequest(req: IncomingMessage): boolean {
  return req.method === "POST" && (req.url === "/webhooks" || req.url?.startsWith("/webhooks?") === true);
}

/** The body, never holding more than `limit` bytes (Content-Length may lie or be absent). */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", () => resolve(Buffer.concat(chunks, total)));
    req.once("error", reject);
  });
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

export async function shopifyWebhookRoute(req: IncomingMessage, res: ServerResponse) {
  try {
    const answer = await acceptShopifyWebhook({
      method: req.method ?? "GET",
      header: (name) => header(req, name),
      readBody: (limit) => readNodeBody(req, limit),
    });
    if (answer.body === null) res.writeHead(answer.status).end();
    else res.writeHead(answer.status, { "Content-Type": "text/plain" }).end(answer.body);
  } catch (error) {
    logger.error({ err: (error as Error).message }, "shopify webhook intake failed");
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" }).end("internal error");
  }
}
