// HTTP edges of POST /pixel/events. The pixel runs in Shopify's sandboxed worker, whose origin is
// the storefront's, the checkout's or an opaque "null" depending on the page, so CORS allows any
// origin: no cookie or credential is involved, and what authorises a batch is in its body (the
// shop's key), which CORS could not protect anyway. Bodies arrive as text/plain (a simple request,
// so keepalive and sendBeacon need no preflight) or application/json; both are parsed as JSON.
import { logger } from "../lib/logger.server";
import { BodyTooLargeError, readBodyWithLimit } from "../webhooks/read-body.server";
import { MAX_BODY_BYTES, pixelBatchSchema, type PixelBatch } from "./batch";

export const PIXEL_CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
};

export function pixelJson(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: {
      ...PIXEL_CORS_HEADERS,
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}

export function pixelPreflight(): Response {
  return new Response(null, { status: 204, headers: PIXEL_CORS_HEADERS });
}

/** The checked batch, or the 400/413/415 answer to send instead (each with one log line). */
export async function readPixelBatch(request: Request): Promise<PixelBatch | Response> {
  const type = (request.headers.get("content-type") ?? "text/plain").split(";")[0].trim().toLowerCase();
  if (type !== "text/plain" && type !== "application/json") {
    logger.info({ contentType: type }, "pixel batch with an unexpected content type");
    return pixelJson(
      { error: "Send the batch as JSON (text/plain or application/json).", code: "bad_content_type" },
      415,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(await readBodyWithLimit(request, MAX_BODY_BYTES)).toString("utf8"));
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      logger.info({ limit: MAX_BODY_BYTES }, "pixel batch over the size limit");
      return pixelJson({ error: `The batch is over ${MAX_BODY_BYTES} bytes.`, code: "too_large" }, 413);
    }
    logger.info("pixel batch is not JSON");
    return pixelJson({ error: "The batch is not JSON.", code: "invalid_json" }, 400);
  }
  const parsed = pixelBatchSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".");
  logger.info({ field, problem: issue?.message }, "pixel batch rejected");
  return pixelJson({ error: `${field || "body"}: ${issue?.message ?? "invalid"}`, code: "invalid", field }, 400);
}
