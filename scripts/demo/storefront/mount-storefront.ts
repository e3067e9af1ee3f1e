// `/demo/storefront`: a store-like site for the demo shop that loads the chat widget exactly as the
// app embed would (the real block rendered with liquidjs, the built bundle as its asset), and
// `/apps/threadline/*`: Shopify's app proxy, emulated — requests are signed as Shopify signs them
// and forwarded to the app's /proxy routes. The "signed-in customer" is a demo cookie that only the
// emulated proxy reads, just as only Shopify knows who is signed in to a real storefront.
import { existsSync } from "node:fs";
import express, { type Express, type Request, type Response } from "express";
import { appProxyHandler } from "../../../tests/fakes/shopify-app-proxy";
import { WIDGET_BUNDLE } from "../../build-widget";
import { config } from "../../../app/config.server";
import { db } from "../../../app/db/client.server";
import { DEMO_SHOP_DOMAIN } from "../../../app/shopify/demo-shop";
import { STORE_PRODUCTS, productByHandle, productById } from "./catalogue";
import { cookieHeader, readCookie } from "./cookies";
import { escapeHtml, layout } from "./page-html";
import { renderAppEmbed, type StorefrontObjects } from "./render-app-embed";

export const STOREFRONT_BASE = "/demo/storefront";
export const APP_PROXY_PREFIX = "/apps/threadline";
const LOCALES = ["en", "es", "fr"];

interface ShopFacts {
  name: string;
  currency: string;
  utcOffsetMinutes: number;
}

function utcOffsetMinutes(timeZone: string, at = new Date()): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

async function shopFacts(): Promise<ShopFacts> {
  const shop = await db().shop.findUnique({
    where: { domain: DEMO_SHOP_DOMAIN },
    select: { name: true, currency: true, ianaTimezone: true },
  });
  return {
    name: shop?.name || "Threadline Demo Outfitters",
    currency: shop?.currency || "USD",
    utcOffsetMinutes: utcOffsetMinutes(shop?.ianaTimezone || "UTC"),
  };
}

/** A real customer of the demo shop (imported by the backfill) to sign in as. */
async function signInCandidate(): Promise<{ id: string; name: string } | null> {
  const customer = await db().customer.findFirst({
    where: { shop: { domain: DEMO_SHOP_DOMAIN }, shopifyCustomerId: { not: null }, firstName: { not: null } },
    orderBy: { shopifyCustomerId: "asc" },
    select: { shopifyCustomerId: true, firstName: true, lastName: true },
  });
  if (!customer?.shopifyCustomerId) return null;
  return {
    id: String(customer.shopifyCustomerId),
    name: [customer.firstName, customer.lastName].filter(Boolean).join(" "),
  };
}

async function signedInCustomer(req: Request): Promise<{ id: number; first_name: string; name: string } | null> {
  const id = readCookie(req, "demo_customer");
  if (!id || !/^\d{1,19}$/.test(id)) return null;
  const customer = await db().customer.findFirst({
    where: { shop: { domain: DEMO_SHOP_DOMAIN }, shopifyCustomerId: BigInt(id) },
    select: { firstName: true, lastName: true },
  });
  if (!customer) return null;
  return {
    id: Number(id),
    first_name: customer.firstName ?? "",
    name: [customer.firstName, customer.lastName].filter(Boolean).join(" ") || `Customer ${id}`,
  };
}

function cartOf(req: Request): number[] {
  return (readCookie(req, "demo_cart") ?? "")
    .split(",")
    .map(Number)
    .filter((id) => productById(id));
}

async function renderPage(
  req: Request,
  res: Response,
  shop: ShopFacts,
  page: {
    title: string;
    template: StorefrontObjects["template"];
    body: string;
    product?: (typeof STORE_PRODUCTS)[number];
  },
) {
  const [customer, candidate] = await Promise.all([signedInCustomer(req), signInCandidate()]);
  const chosenLocale = readCookie(req, "demo_locale") ?? "";
  const locale = LOCALES.includes(chosenLocale) ? chosenLocale : "en";
  const closed = readCookie(req, "demo_hours") === "closed";
  const cart = cartOf(req);
  const embed = renderAppEmbed(
    {
      locale,
      currency: shop.currency,
      template: page.template,
      product: page.product ? { id: page.product.id, title: page.product.title, price: page.product.price } : undefined,
      collection: page.template === "collection" ? { title: "All products" } : undefined,
      cart: { item_count: cart.length, total_price: cart.reduce((sum, id) => sum + (productById(id)?.price ?? 0), 0) },
      customer: customer ? { id: customer.id, first_name: customer.first_name } : null,
      utcOffsetMinutes: shop.utcOffsetMinutes,
    },
    // "Closed": business hours on, with no opening day, so the widget asks for an email.
    closed
      ? Object.fromEntries([
          ["hours_enabled", true],
          ...["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"].map((d) => [
            `open_${d}`,
            false,
          ]),
        ])
      : { hours_enabled: false },
    `${STOREFRONT_BASE}/assets`,
  );
  res.type("html").send(
    layout({
      title: page.title,
      shopName: shop.name,
      base: STOREFRONT_BASE,
      cartCount: cart.length,
      locale,
      bar: { base: STOREFRONT_BASE, signedInAs: customer?.name ?? null, signInCandidate: candidate, closed, locale },
      body: page.body,
      appEmbed: embed,
    }),
  );
}

function money(cents: number, currency: string) {
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(cents / 100);
}

function productGrid(currency: string): string {
  return `<div class="grid">${STORE_PRODUCTS.map(
    (
      p,
    ) => `<a class="card" href="${STOREFRONT_BASE}/products/${p.handle}"><span class="swatch" aria-hidden="true" style="display:block"></span>
<div><div>${escapeHtml(p.title)}</div><div>${money(p.price, currency)}</div></div></a>`,
  ).join("")}</div>`;
}

export function mountDemoStorefront(app: Express, appUrl: () => string): void {
  app.use(
    APP_PROXY_PREFIX,
    appProxyHandler({
      pathPrefix: APP_PROXY_PREFIX,
      target: () => `${appUrl()}/proxy`,
      shop: DEMO_SHOP_DOMAIN,
      secret: config().SHOPIFY_API_SECRET,
      loggedInCustomerId: (req) => readCookie(req, "demo_customer"),
    }),
  );

  const router = express.Router();
  router.get("/assets/chat-widget.js", (_req, res) => {
    if (!existsSync(WIDGET_BUNDLE)) {
      res.status(404).type("text").send("The widget is not built: run `npm run build:widget`.");
      return;
    }
    res.type("application/javascript").sendFile(WIDGET_BUNDLE, { maxAge: 0 });
  });
  router.get("/", async (req, res) => {
    const shop = await shopFacts();
    await renderPage(req, res, shop, {
      title: "Home",
      template: "index",
      body: `<h1>New this season</h1>${productGrid(shop.currency)}`,
    });
  });
  router.get("/collections/all", async (req, res) => {
    const shop = await shopFacts();
    await renderPage(req, res, shop, {
      title: "All products",
      template: "collection",
      body: `<h1>All products</h1>${productGrid(shop.currency)}`,
    });
  });
  router.get("/products/:handle", async (req, res) => {
    const product = productByHandle(req.params.handle);
    if (!product) {
      res.status(404).type("text").send("No such product in the demo store.");
      return;
    }
    const shop = await shopFacts();
    await renderPage(req, res, shop, {
      title: product.title,
      template: "product",
      product,
      body: `<div class="product"><div class="swatch" aria-hidden="true"></div><div>
<h1>${escapeHtml(product.title)}</h1><p class="price">${money(product.price, shop.currency)}</p>
<form method="post" action="${STOREFRONT_BASE}/cart/add"><input type="hidden" name="id" value="${product.id}">
<button class="buy" type="submit">Add to cart</button></form>
<p>Questions about fit or delivery? Ask us in the chat.</p></div></div>`,
    });
  });
  router.get("/cart", async (req, res) => {
    const shop = await shopFacts();
    const items = cartOf(req).map((id) => productById(id)!);
    const rows = items.map((p) => `<tr><td>${escapeHtml(p.title)}</td><td>${money(p.price, shop.currency)}</td></tr>`);
    await renderPage(req, res, shop, {
      title: "Cart",
      template: "cart",
      body: items.length
        ? `<h1>Your cart</h1><table>${rows.join("")}</table><form method="post" action="${STOREFRONT_BASE}/cart/clear"><p><button type="submit">Empty the cart</button></p></form>`
        : `<h1>Your cart</h1><p>Your cart is empty. <a href="${STOREFRONT_BASE}/collections/all">Continue shopping</a></p>`,
    });
  });
  router.post("/cart/add", express.urlencoded({ extended: false, limit: "2kb" }), (req, res) => {
    const id = Number((req.body as { id?: string }).id);
    const cart = productById(id) ? [...cartOf(req), id].slice(-20) : cartOf(req);
    res.setHeader("Set-Cookie", cookieHeader("demo_cart", cart.join(","), STOREFRONT_BASE));
    res.redirect(303, `${STOREFRONT_BASE}/cart`);
  });
  router.post("/cart/clear", (_req, res) => {
    res.setHeader("Set-Cookie", cookieHeader("demo_cart", null, STOREFRONT_BASE));
    res.redirect(303, `${STOREFRONT_BASE}/cart`);
  });
  // The signed-in shopper lives in a cookie on "/" so the emulated proxy under /apps sees it too.
  router.get("/account/login", async (req, res) => {
    const id = String(req.query.customer ?? "");
    const candidate = await signInCandidate();
    res.setHeader("Set-Cookie", cookieHeader("demo_customer", candidate?.id === id ? id : null, "/"));
    res.redirect(303, STOREFRONT_BASE);
  });
  router.get("/account/logout", (_req, res) => {
    res.setHeader("Set-Cookie", cookieHeader("demo_customer", null, "/"));
    res.redirect(303, STOREFRONT_BASE);
  });
  router.get("/settings", (req, res) => {
    const cookies: string[] = [];
    if (req.query.hours === "closed" || req.query.hours === "open")
      cookies.push(cookieHeader("demo_hours", req.query.hours === "closed" ? "closed" : null, STOREFRONT_BASE));
    if (LOCALES.includes(String(req.query.locale)))
      cookies.push(cookieHeader("demo_locale", String(req.query.locale), STOREFRONT_BASE));
    res.setHeader("Set-Cookie", cookies);
    const back = req.get("referer");
    res.redirect(
      303,
      back && new URL(back).pathname.startsWith(STOREFRONT_BASE) ? new URL(back).pathname : STOREFRONT_BASE,
    );
  });
  app.use(STOREFRONT_BASE, router);
}
