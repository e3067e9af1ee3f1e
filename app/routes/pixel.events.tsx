// POST /pixel/events: batches from the web pixel (extensions/web-pixel/, decision 0054). CORS for
// any storefront origin, text/plain or JSON bodies; 200 { saved, duplicates } once stored, 400
// invalid, 403 key not the shop's, 404 shop not installed, 413 too large, 415 content type, 422
// without analytics consent, 429 flood limit. OPTIONS answers the preflight (204).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { admitPixelBatch } from "../storefront-events/admit-batch.server";
import { pixelJson, pixelPreflight, readPixelBatch } from "../storefront-events/pixel-http.server";
import { recordPixelBatch } from "../storefront-events/record-events.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // Remix sends OPTIONS to the loader.
  if (request.method === "OPTIONS") return pixelPreflight();
  return pixelJson({ error: "Method Not Allowed" }, 405, { Allow: "POST, OPTIONS" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method === "OPTIONS") return pixelPreflight();
  if (request.method !== "POST") return pixelJson({ error: "Method Not Allowed" }, 405, { Allow: "POST, OPTIONS" });
  const batch = await readPixelBatch(request);
  if (batch instanceof Response) return batch;
  const admitted = await admitPixelBatch(batch);
  if (admitted instanceof Response) return admitted;
  const recorded = await recordPixelBatch(admitted.shopId, batch);
  return pixelJson({ saved: recorded.saved, duplicates: recorded.duplicates });
}
