// Whether a valid-looking batch may be stored, before anything is written: the key must be the
// claimed shop's (403), the shop must be installed (404), the visitor must have allowed analytics
// (422), and the browser and the shop must be under their flood limits (429). Each refusal is one
// log line; nothing of the batch is kept.
import { takeSlots } from "../chat/rate-limit.server";
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import type { PixelBatch } from "./batch";
import { pixelJson } from "./pixel-http.server";
import { pixelKeyMatches } from "./pixel-key.server";
import { pixelSettings } from "./pixel-settings.server";

const MINUTE = 60;

export async function admitPixelBatch(batch: PixelBatch): Promise<{ shopId: string } | Response> {
  const domain = batch.shop.toLowerCase();
  if (!pixelKeyMatches(domain, batch.key)) {
    logger.warn({ shop: domain }, "pixel batch with a key that is not this shop's");
    return pixelJson({ error: "This key does not belong to that shop.", code: "key_mismatch" }, 403);
  }
  const shop = await db().shop.findUnique({ where: { domain }, select: { id: true, uninstalledAt: true } });
  if (!shop || shop.uninstalledAt) {
    logger.info({ shop: domain }, "pixel batch for a shop that is not installed");
    return pixelJson({ error: "This store does not use Threadline.", code: "shop_not_installed" }, 404);
  }
  if (batch.consent?.analytics !== true) {
    logger.info({ shopId: shop.id }, "pixel batch without analytics consent");
    return pixelJson(
      { error: "Events are recorded only with the visitor's analytics consent.", code: "consent_required" },
      422,
    );
  }
  const settings = pixelSettings();
  // Refused requests count too (takeSlots), so a flooding browser stays refused for the window.
  const over = await takeSlots([
    {
      key: `pixel:client:${shop.id}:${batch.clientId}`,
      limit: settings.PIXEL_REQUESTS_PER_CLIENT_PER_MINUTE,
      windowSeconds: MINUTE,
    },
    { key: `pixel:shop:${shop.id}`, limit: settings.PIXEL_REQUESTS_PER_SHOP_PER_MINUTE, windowSeconds: MINUTE },
  ]);
  if (over) {
    const scope = over.key.startsWith("pixel:client:") ? "client" : "shop";
    logger.warn({ shopId: shop.id, scope }, "pixel batch over the flood limit");
    return pixelJson({ error: "Too many events; try again in a minute.", code: "rate_limited", scope }, 429, {
      "Retry-After": String(MINUTE),
    });
  }
  return { shopId: shop.id };
}
