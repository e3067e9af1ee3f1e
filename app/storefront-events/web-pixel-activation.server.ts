// Turning the web pixel on for a shop (decision 0054). A web pixel extension does nothing until the
// app creates the shop's pixel record with webPixelCreate, whose settings must match
// extensions/web-pixel/shopify.extension.toml: { appUrl, shopKey }. Install (afterAuth) marks the
// shop's pixel PENDING in Shop.settings.webPixel and enqueues `web-pixel-<shopId>`; the job reads
// the app's pixel (query webPixel), creates it when there is none and updates it when its settings
// differ, so running it any number of times leaves exactly one pixel with the current settings.
// Shop.settings.webPixel is the truth: the reconciler re-enqueues PENDING shops Redis forgot.
import { config } from "../config.server";
import { db } from "../db/client.server";
import { requeueUnlessLive } from "../jobs/enqueue.server";
import { JOB } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { adminClientForShop, type ShopAdminClient } from "../shopify/admin-client.server";
import { AdminApiError, MissingOfflineSessionError } from "../shopify/graphql/errors";
import { pixelKeyFor } from "./pixel-key.server";

const log = logger.child({ module: "web-pixel" });

export const APP_WEB_PIXEL = `#graphql
query AppWebPixel {
  webPixel { id settings }
}`;

export const WEB_PIXEL_CREATE = `#graphql
mutation WebPixelCreate($webPixel: WebPixelInput!) {
  webPixelCreate(webPixel: $webPixel) {
    userErrors { code field message }
    webPixel { id settings }
  }
}`;

export const WEB_PIXEL_UPDATE = `#graphql
mutation WebPixelUpdate($id: ID!, $webPixel: WebPixelInput!) {
  webPixelUpdate(id: $id, webPixel: $webPixel) {
    userErrors { code field message }
    webPixel { id settings }
  }
}`;

export interface WebPixelSettings {
  appUrl: string;
  shopKey: string;
}

/** What Shop.settings.webPixel holds. */
export interface WebPixelState {
  state: "PENDING" | "ACTIVE" | "FAILED";
  id?: string;
  appUrl?: string;
  requestedAt?: string;
  syncedAt?: string;
  error?: string;
}

interface PixelNode {
  id: string;
  settings: unknown;
}
interface UserError {
  code: string | null;
  field: string[] | null;
  message: string;
}
type MutationPayload = { userErrors: UserError[]; webPixel: PixelNode | null };

export function webPixelSettingsFor(shopDomain: string): WebPixelSettings {
  return { appUrl: config().SHOPIFY_APP_URL.replace(/\/+$/, ""), shopKey: pixelKeyFor(shopDomain) };
}

/** Shopify answers settings as a JSON string; be liberal and read an object too. */
function settingsOf(node: PixelNode): Record<string, unknown> {
  if (typeof node.settings === "string") {
    try {
      return JSON.parse(node.settings) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return (node.settings as Record<string, unknown>) ?? {};
}

function sameSettings(node: PixelNode, wanted: WebPixelSettings): boolean {
  const current = settingsOf(node);
  return current.appUrl === wanted.appUrl && current.shopKey === wanted.shopKey;
}

/** The app's pixel on this shop, or null: Shopify answers "no pixel" with a RESOURCE_NOT_FOUND error. */
async function currentPixel(client: ShopAdminClient): Promise<PixelNode | null> {
  try {
    const data = await client.query<{ webPixel: PixelNode | null }>(APP_WEB_PIXEL);
    return data.webPixel;
  } catch (err) {
    const notFound =
      err instanceof AdminApiError &&
      (err.details.graphQLErrors ?? []).some(
        (e) => e.extensions?.code === "RESOURCE_NOT_FOUND" || /no web pixel/i.test(e.message),
      );
    if (notFound) return null;
    throw err;
  }
}

async function saveState(shopId: string, state: WebPixelState) {
  // One statement that replaces only the webPixel key: other writers of Shop.settings keep theirs.
  await db().$executeRaw`
    UPDATE "Shop" SET "settings" = jsonb_set(coalesce("settings", '{}'::jsonb), '{webPixel}', ${JSON.stringify(state)}::jsonb), "updatedAt" = now()
    WHERE "id" = ${shopId}`;
}

export function webPixelStateOf(settings: unknown): WebPixelState | null {
  const value = (settings as { webPixel?: WebPixelState } | null)?.webPixel;
  return value && typeof value === "object" ? value : null;
}

/** After install: mark the shop PENDING and enqueue the job (a failure to enqueue is left to the reconciler). */
export async function requestWebPixel(shopId: string, now: Date = new Date()): Promise<void> {
  await saveState(shopId, { state: "PENDING", requestedAt: now.toISOString() });
  try {
    await requeueUnlessLive(JOB.activateWebPixel, { shopId });
  } catch (err) {
    log.warn({ shopId, err: (err as Error).message }, "web pixel job not enqueued; the reconciler will");
  }
}

export type ActivationResult =
  | { ok: true; action: "created" | "updated" | "unchanged"; webPixelId: string }
  | { ok: false; reason: "not_installed" | "no_session" | "refused"; message: string };

function refusal(op: string, errors: UserError[]): string {
  return `${op}: ${errors.map((e) => `${e.code ?? "ERROR"} ${e.message}`).join("; ")}`;
}

async function create(client: ShopAdminClient, settings: WebPixelSettings): Promise<MutationPayload> {
  const data = await client.query<{ webPixelCreate: MutationPayload }>(WEB_PIXEL_CREATE, {
    webPixel: { settings },
  });
  return data.webPixelCreate;
}

async function update(client: ShopAdminClient, id: string, settings: WebPixelSettings): Promise<MutationPayload> {
  const data = await client.query<{ webPixelUpdate: MutationPayload }>(WEB_PIXEL_UPDATE, {
    id,
    webPixel: { settings },
  });
  return data.webPixelUpdate;
}

/**
 * The job. Transient Admin API failures throw (BullMQ retries); Shopify refusing the settings, or a
 * shop without a token, is recorded as FAILED with the reason and not retried until the next install.
 */
export async function activateWebPixel(shopId: string): Promise<ActivationResult> {
  const shop = await db().shop.findUnique({ where: { id: shopId }, select: { domain: true, uninstalledAt: true } });
  if (!shop || shop.uninstalledAt) return { ok: false, reason: "not_installed", message: "shop not installed" };
  const wanted = webPixelSettingsFor(shop.domain);
  const fail = async (reason: "no_session" | "refused", message: string): Promise<ActivationResult> => {
    log.warn({ shopId, reason, message }, "web pixel not activated");
    await saveState(shopId, { state: "FAILED", appUrl: wanted.appUrl, error: message });
    return { ok: false, reason, message };
  };

  let client: ShopAdminClient;
  try {
    client = await adminClientForShop(shop.domain);
  } catch (err) {
    if (err instanceof MissingOfflineSessionError) return fail("no_session", err.message);
    throw err;
  }

  let action: "created" | "updated" | "unchanged";
  let pixel = await currentPixel(client);
  if (pixel && sameSettings(pixel, wanted)) action = "unchanged";
  else if (pixel) {
    const answer = await update(client, pixel.id, wanted);
    if (answer.userErrors.length || !answer.webPixel)
      return fail("refused", refusal("webPixelUpdate", answer.userErrors));
    pixel = answer.webPixel;
    action = "updated";
  } else {
    let answer = await create(client, wanted);
    // Created meanwhile (a concurrent run, or a read that missed it): update the one that exists.
    if (answer.userErrors.some((e) => e.code === "TAKEN")) {
      const existing = await currentPixel(client);
      if (existing) answer = await update(client, existing.id, wanted);
    }
    if (answer.userErrors.length || !answer.webPixel)
      return fail("refused", refusal("webPixelCreate", answer.userErrors));
    pixel = answer.webPixel;
    action = "created";
  }
  await saveState(shopId, {
    state: "ACTIVE",
    id: pixel.id,
    appUrl: wanted.appUrl,
    syncedAt: new Date().toISOString(),
  });
  log.info({ shopId, action, webPixelId: pixel.id }, "web pixel active");
  return { ok: true, action, webPixelId: pixel.id };
}

/** Reconciler: installed shops whose pixel is PENDING get their job back when Redis lost it. */
export async function reconcileWebPixels(): Promise<number> {
  const shops = await db().$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Shop"
    WHERE "uninstalledAt" IS NULL AND "settings" -> 'webPixel' ->> 'state' = 'PENDING'`;
  let requeued = 0;
  for (const shop of shops) if (await requeueUnlessLive(JOB.activateWebPixel, { shopId: shop.id })) requeued++;
  return requeued;
}
