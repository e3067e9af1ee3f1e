// The web pixel (extensions/web-pixel/) run through its real entry point: `register` from
// @shopify/web-pixels-extension calls the `shopify.extend` global, which this harness provides
// with a fake API (analytics and customer-privacy buses, init data, settings, browser). Shopify's
// events are built in their documented shapes; what leaves the sandbox is the exact fetch.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pixelBatchSchema } from "../../app/storefront-events/batch";

const APP_URL = "https://threadline.example.com";
const SHOP_KEY = "a".repeat(64);
const CLIENT_ID = "f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const SHOP = "pixel-shop.myshopify.com";

type Callback = (event: unknown) => void;

interface Harness {
  emit(name: string, event: unknown): void;
  consent(analytics: boolean): void;
  beacons: Array<{ url: string; body?: string }>;
  subscribed: string[];
}

async function loadPixel(
  options: { analytics: boolean; customerId?: string | null; settings?: Record<string, string> } = { analytics: true },
): Promise<Harness> {
  const analytics = new Map<string, Callback>();
  const privacy = new Map<string, Callback[]>();
  const beacons: Harness["beacons"] = [];
  const api = {
    settings: options.settings ?? { appUrl: APP_URL, shopKey: SHOP_KEY },
    analytics: {
      subscribe: (name: string, callback: Callback) => {
        analytics.set(name, callback);
        return () => analytics.delete(name);
      },
    },
    customerPrivacy: {
      subscribe: (name: string, callback: Callback) => {
        privacy.set(name, [...(privacy.get(name) ?? []), callback]);
        return () => true;
      },
    },
    browser: {
      sendBeacon: async (url: string, body?: string) => {
        beacons.push({ url, body });
        return true;
      },
    },
    init: {
      context: {},
      data: {
        customer: options.customerId
          ? { id: options.customerId, email: "jane@example.com", firstName: "Jane", lastName: null, phone: null }
          : null,
        cart: null,
        shop: { myshopifyDomain: SHOP, name: "Pixel shop", countryCode: "US", storefrontUrl: `https://${SHOP}` },
        purchasingCompany: null,
      },
      customerPrivacy: {
        analyticsProcessingAllowed: options.analytics,
        marketingAllowed: false,
        preferencesProcessingAllowed: false,
        saleOfDataAllowed: false,
      },
    },
    _pixelInfo: {},
  };
  vi.stubGlobal("shopify", {
    extend: (point: string, extend: (api: unknown) => void) => {
      expect(point).toBe("WebPixel::Render");
      extend(api);
    },
  });
  vi.resetModules();
  await import("../../extensions/web-pixel/src/index");
  return {
    emit: (name, event) => analytics.get(name)?.(event),
    consent: (allowed) =>
      (privacy.get("visitorConsentCollected") ?? []).forEach((cb) =>
        cb({
          customerPrivacy: {
            analyticsProcessingAllowed: allowed,
            marketingAllowed: false,
            preferencesProcessingAllowed: false,
            saleOfDataAllowed: false,
          },
        }),
      ),
    beacons,
    subscribed: [...analytics.keys()],
  };
}

const context = (href: string) => ({ document: { location: { href } } });
const variant = {
  id: "41234567890",
  title: "M",
  untranslatedTitle: "M",
  sku: "HOOD-M",
  price: { amount: 49, currencyCode: "USD" },
  image: { src: "https://cdn.shopify.com/hoodie.jpg" },
  product: {
    id: "7234567890",
    title: "Blue Hoodie",
    untranslatedTitle: "Blue Hoodie",
    type: "Hoodies",
    vendor: "Threadline",
    url: "/products/blue-hoodie",
  },
};
const productViewed = (n: number) => ({
  id: `sh-view-${n}`,
  name: "product_viewed",
  clientId: CLIENT_ID,
  timestamp: `2026-12-03T18:00:0${n}.000Z`,
  seq: n,
  type: "standard",
  context: context(`https://${SHOP}/products/blue-hoodie`),
  data: { productVariant: variant },
});
const addedToCart = {
  id: "sh-cart-1",
  name: "product_added_to_cart",
  clientId: CLIENT_ID,
  timestamp: "2026-12-03T18:01:00.000Z",
  seq: 9,
  type: "standard",
  context: context(`https://${SHOP}/products/blue-hoodie`),
  data: {
    cartLine: { quantity: 2, merchandise: variant, cost: { totalAmount: { amount: 98, currencyCode: "USD" } } },
  },
};
const collectionViewed = {
  id: "sh-coll-1",
  name: "collection_viewed",
  clientId: CLIENT_ID,
  timestamp: "2026-12-03T17:59:00.000Z",
  seq: 1,
  type: "standard",
  context: context(`https://${SHOP}/collections/hoodies`),
  data: { collection: { id: "455678", title: "Hoodies", productVariants: [variant] } },
};
const checkoutCompleted = {
  id: "sh-checkout-1",
  name: "checkout_completed",
  clientId: CLIENT_ID,
  timestamp: "2026-12-03T18:05:00.000Z",
  seq: 12,
  type: "standard",
  context: context(`https://${SHOP}/checkouts/cn/abc/thank-you`),
  data: {
    checkout: {
      email: "jane@example.com",
      phone: "+14155550100",
      order: { id: "5550001", customer: { id: "9001", isFirstOrder: false } },
      lineItems: [],
    },
  },
};

const expectedProduct = {
  id: "7234567890",
  variantId: "41234567890",
  title: "Blue Hoodie",
  variantTitle: "M",
  price: 49,
  currency: "USD",
  imageUrl: "https://cdn.shopify.com/hoodie.jpg",
  url: "/products/blue-hoodie",
};

let fetchMock: ReturnType<typeof vi.fn>;
const sentBodies = () => fetchMock.mock.calls.map(([, init]) => JSON.parse(String((init as RequestInit).body)));

beforeEach(() => {
  vi.useFakeTimers();
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ saved: 1, duplicates: 0 }), { status: 200 }));
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("web pixel", () => {
  it("GIVEN the pixel loads WHEN it registers THEN it subscribes to views, collection views, cart additions and completed checkouts", async () => {
    const pixel = await loadPixel({ analytics: true });
    expect(pixel.subscribed.sort()).toEqual(
      ["checkout_completed", "collection_viewed", "product_added_to_cart", "product_viewed"].sort(),
    );
  });

  it("GIVEN a visitor who has not allowed analytics WHEN they view products THEN nothing is sent, ever", async () => {
    const pixel = await loadPixel({ analytics: false });
    pixel.emit("product_viewed", productViewed(1));
    pixel.emit("product_added_to_cart", addedToCart);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(pixel.beacons).toEqual([]);
  });

  it("GIVEN consent denied at load WHEN visitorConsentCollected grants analytics THEN later events are sent (earlier ones never) in the exact batch shape", async () => {
    const pixel = await loadPixel({ analytics: false });
    pixel.emit("product_viewed", productViewed(1));
    pixel.consent(true);
    pixel.emit("collection_viewed", collectionViewed);
    pixel.emit("product_viewed", productViewed(2));
    expect(fetchMock).not.toHaveBeenCalled(); // gathered for a moment

    await vi.advanceTimersByTimeAsync(1000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`${APP_URL}/pixel/events`);
    expect(init).toMatchObject({
      method: "POST",
      keepalive: true,
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
    });
    expect(JSON.parse(String(init.body))).toEqual({
      v: 1,
      shop: SHOP,
      key: SHOP_KEY,
      clientId: CLIENT_ID,
      consent: { analytics: true },
      customerId: null,
      events: [
        {
          id: "sh-coll-1",
          name: "collection_viewed",
          timestamp: "2026-12-03T17:59:00.000Z",
          url: `https://${SHOP}/collections/hoodies`,
          collection: { id: "455678", title: "Hoodies" },
        },
        {
          id: "sh-view-2",
          name: "product_viewed",
          timestamp: "2026-12-03T18:00:02.000Z",
          url: `https://${SHOP}/products/blue-hoodie`,
          product: expectedProduct,
        },
      ],
    });
  });

  it("GIVEN a signed-in customer WHEN they add to cart and buy THEN each goes at once with the customer id and the checkout's contact", async () => {
    const pixel = await loadPixel({ analytics: true, customerId: "9001" });
    pixel.emit("product_added_to_cart", addedToCart);
    await vi.advanceTimersByTimeAsync(0);
    pixel.emit("checkout_completed", checkoutCompleted);
    await vi.advanceTimersByTimeAsync(0);
    expect(sentBodies()).toEqual([
      expect.objectContaining({
        customerId: "9001",
        events: [
          {
            id: "sh-cart-1",
            name: "product_added_to_cart",
            timestamp: "2026-12-03T18:01:00.000Z",
            url: `https://${SHOP}/products/blue-hoodie`,
            product: { ...expectedProduct, quantity: 2 },
          },
        ],
      }),
      expect.objectContaining({
        customerId: "9001",
        events: [
          {
            id: "sh-checkout-1",
            name: "checkout_completed",
            timestamp: "2026-12-03T18:05:00.000Z",
            url: `https://${SHOP}/checkouts/cn/abc/thank-you`,
            checkout: { orderId: "5550001", customerId: "9001", email: "jane@example.com", phone: "+14155550100" },
          },
        ],
      }),
    ]);
  });

  it("GIVEN every kind of event WHEN the pixel sends them THEN the app's own schema for POST /pixel/events accepts each batch", async () => {
    const pixel = await loadPixel({ analytics: true, customerId: "gid://shopify/Customer/9001" });
    pixel.emit("collection_viewed", collectionViewed);
    pixel.emit("product_viewed", productViewed(1));
    pixel.emit("product_added_to_cart", addedToCart);
    pixel.emit("checkout_completed", checkoutCompleted);
    expect(sentBodies()).toHaveLength(2);
    for (const body of sentBodies()) expect(pixelBatchSchema.safeParse(body).error).toBeUndefined();
  });

  it("GIVEN events waiting to be sent WHEN the visitor withdraws consent THEN they are dropped unsent", async () => {
    const pixel = await loadPixel({ analytics: true });
    pixel.emit("product_viewed", productViewed(1));
    pixel.consent(false);
    pixel.emit("product_viewed", productViewed(2));
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("GIVEN many views on one page WHEN 20 wait THEN they go as one batch without waiting for the timer", async () => {
    const pixel = await loadPixel({ analytics: true });
    for (let i = 0; i < 20; i++) pixel.emit("product_viewed", { ...productViewed(1), id: `sh-view-many-${i}` });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(sentBodies()[0].events).toHaveLength(20);
  });

  it("GIVEN a virtual collection and an overlong address WHEN sent THEN the collection is skipped and the address cut to its path, so the app accepts the batch", async () => {
    const pixel = await loadPixel({ analytics: true });
    pixel.emit("collection_viewed", {
      ...collectionViewed,
      id: "sh-coll-all",
      data: { collection: { id: "all", title: "All", productVariants: [] } },
    });
    const longHref = `https://${SHOP}/products/blue-hoodie?${"utm=x&".repeat(400)}`;
    pixel.emit("product_added_to_cart", {
      ...addedToCart,
      context: {
        document: { location: { href: longHref, origin: `https://${SHOP}`, pathname: "/products/blue-hoodie" } },
      },
    });
    expect(sentBodies()).toHaveLength(1);
    expect(sentBodies()[0].events.map((e: { id: string; url: string }) => [e.id, e.url])).toEqual([
      ["sh-cart-1", `https://${SHOP}/products/blue-hoodie`],
    ]);
  });

  it("GIVEN no fetch in the sandbox WHEN an event is sent THEN it goes by browser.sendBeacon with the same body", async () => {
    vi.stubGlobal("fetch", undefined);
    const pixel = await loadPixel({ analytics: true });
    pixel.emit("product_added_to_cart", addedToCart);
    expect(pixel.beacons).toHaveLength(1);
    expect(pixel.beacons[0].url).toBe(`${APP_URL}/pixel/events`);
    expect(JSON.parse(pixel.beacons[0].body!)).toMatchObject({ shop: SHOP, consent: { analytics: true } });
  });

  it("GIVEN a pixel created without settings WHEN it loads THEN it subscribes to nothing and sends nothing", async () => {
    const pixel = await loadPixel({ analytics: true, settings: {} });
    expect(pixel.subscribed).toEqual([]);
    pixel.emit("product_added_to_cart", addedToCart);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
