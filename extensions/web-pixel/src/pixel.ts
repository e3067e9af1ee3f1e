// The pixel's behaviour, apart from Shopify's `register` so tests can drive it with a fake API.
// Consent rule: an event is kept only while the visitor allows analytics (init.customerPrivacy at
// load, then every visitorConsentCollected). Nothing seen before consent is buffered for later,
// and withdrawing consent drops what waits unsent.
import type { ExtensionApi } from "@shopify/web-pixels-extension";
import {
  SUBSCRIBED_EVENTS,
  idOrNull,
  toPixelEvent,
  type PixelBatch,
  type PixelEvent,
  type SubscribedEvent,
} from "./payload";

/** A short wait gathers a page's events into one request; a cart addition or a purchase goes at once. */
export const FLUSH_DELAY_MS = 1000;
export const MAX_EVENTS_PER_BATCH = 20;
const SEND_AT_ONCE = new Set<string>(["product_added_to_cart", "checkout_completed"]);

export interface PixelDeps {
  fetch?: typeof fetch;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

type PixelApi = Pick<ExtensionApi, "analytics" | "browser" | "init" | "settings" | "customerPrivacy">;

export function startPixel(api: PixelApi, deps: PixelDeps = {}): void {
  const appUrl = String(api.settings?.appUrl ?? "").replace(/\/+$/, "");
  const key = String(api.settings?.shopKey ?? "");
  const shop = api.init.data?.shop?.myshopifyDomain ?? "";
  // A pixel created without settings (or by hand, wrongly) stays silent rather than posting anywhere.
  if (!/^https?:\/\/[^/]+/.test(appUrl) || !key || !shop) return;
  const endpoint = `${appUrl}/pixel/events`;
  const customerId = idOrNull(api.init.data?.customer?.id);
  const doFetch = deps.fetch ?? (typeof fetch === "function" ? fetch : undefined);
  const later = deps.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const cancel = deps.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));

  let allowed = api.init.customerPrivacy?.analyticsProcessingAllowed === true;
  let queue: PixelEvent[] = [];
  let clientId: string | null = null;
  let timer: unknown = null;

  const stopTimer = () => {
    if (timer !== null) cancel(timer);
    timer = null;
  };

  function send(body: string) {
    if (doFetch) {
      // text/plain keeps it a simple CORS request (no preflight), which keepalive needs to survive
      // the page unloading.
      doFetch(endpoint, {
        method: "POST",
        body,
        keepalive: true,
        headers: { "Content-Type": "text/plain;charset=UTF-8" },
      }).catch(() => undefined);
      return;
    }
    void api.browser.sendBeacon(endpoint, body);
  }

  function flush() {
    stopTimer();
    const events = queue;
    queue = [];
    if (!allowed || !events.length || !clientId) return;
    const batch: PixelBatch = { v: 1, shop, key, clientId, consent: { analytics: true }, customerId, events };
    send(JSON.stringify(batch));
  }

  api.customerPrivacy.subscribe("visitorConsentCollected", (event) => {
    allowed = event.customerPrivacy?.analyticsProcessingAllowed === true;
    if (!allowed) {
      stopTimer();
      queue = [];
    }
  });

  for (const name of SUBSCRIBED_EVENTS) {
    api.analytics.subscribe(name, (event: SubscribedEvent) => {
      if (!allowed) return;
      const item = toPixelEvent(event);
      if (!item) return;
      // One browser has one client id; should it ever change, what waits goes under the old one.
      if (clientId !== null && event.clientId !== clientId) flush();
      clientId = event.clientId;
      queue.push(item);
      if (queue.length >= MAX_EVENTS_PER_BATCH || SEND_AT_ONCE.has(name)) flush();
      else if (timer === null) timer = later(flush, FLUSH_DELAY_MS);
    });
  }
}
