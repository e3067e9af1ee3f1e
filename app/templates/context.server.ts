// The variables a message template sees, in Shopify's snake_case style, built from
// our rows. Every read is scoped by shopId: an id that belongs to another shop is
// an error, never another shop's data.
import { db } from "../db/client.server";
import type { Checkout, Customer, Fulfillment, Order, Shop } from "../generated/prisma/client";
import { logger } from "../lib/logger.server";
import { recommendationsFor } from "../recommendations/recommendations.server";
import type { Recommendation } from "../recommendations/types";

export interface TemplateLineItem {
  title: string;
  quantity: number;
  /** Unit price in major units, "12.50". */
  price: string;
  /** price × quantity, "25.00". */
  line_price: string;
  variant_title: string | null;
  product_id: string | null;
  variant_id: string | null;
  sku: string | null;
  image_url: string | null;
}

export interface TemplateShop {
  name: string;
  domain: string;
  url: string;
  email: string | null;
  currency: string;
}

export interface TemplateCustomer {
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
}

export interface TemplateCheckout {
  abandoned_checkout_url: string | null;
  line_items: TemplateLineItem[];
  total_price: string;
  currency: string;
  item_count: number;
}

export interface TemplateOrder {
  name: string | null;
  line_items: TemplateLineItem[];
  order_status_url: string | null;
  total_price: string;
  currency: string;
  item_count: number;
}

export interface TemplateFulfillment {
  tracking_company: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  /** Shopify's shipment_status: null/confirmed/label_printed when just shipped, then in_transit, out_for_delivery, delivered, failure… */
  shipment_status: string | null;
  status: string | null;
  line_items: TemplateLineItem[];
}

export interface TemplateContext {
  /** The locale numbers and money are formatted in (the customer's, else the shop's primary). */
  locale: string;
  /** The currency `| money` uses by default: the order's, else the checkout's, else the shop's. */
  currency: string;
  shop: TemplateShop;
  customer: TemplateCustomer;
  checkout: TemplateCheckout | null;
  order: TemplateOrder | null;
  fulfillment: TemplateFulfillment | null;
  /** Where to review the purchased products (first product's page, else the order status page). */
  review_url: string | null;
  unsubscribe_url: string | null;
  /**
   * Products to suggest (app/recommendations/, decision 0056): present only when the caller asked
   * for them (`recommendations` in the input), since they cost queries most templates never need.
   */
  recommendations?: Recommendation[];
  /** Location promotions (app/lifecycle/): the recipient's own discount code. */
  discount?: TemplateDiscount;
  /** Lifecycle flows about one product (replenishment, browse abandonment): that product. */
  product?: TemplateProduct;
}

/** `discount` in a template: a code only this recipient can use. */
export interface TemplateDiscount {
  code: string;
  percent: number;
  /** ISO 8601: when the code stops working. */
  ends_at: string;
  /** The storefront link that applies the code (https://<shop>/discount/<code>). */
  url: string;
}

/** `product` in a template: the product a lifecycle message is about (same fields as a recommendation). */
export type TemplateProduct = Omit<Recommendation, "reason">;

export interface BuildTemplateContextInput {
  shopId: string;
  customerId: string;
  checkoutId?: string | null;
  orderId?: string | null;
  fulfillmentId?: string | null;
  unsubscribeUrl?: string | null;
  /**
   * Load `recommendations` (true, or the number wanted; default 3). Pass
   * mentionsRecommendations(template.subject, template.body) so other templates cost nothing.
   */
  recommendations?: boolean | number;
  /** Rows the caller has just read (a flow step reads them with its run): not read again. */
  loaded?: {
    shop?: Shop;
    customer?: TemplateCustomerRow;
    order?: Order | null;
    fulfillment?: Fulfillment | null;
  };
}

/** An id passed in does not exist in the shop (missing, or another shop's). */
export class TemplateContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateContextError";
  }
}

type ShopFields = Pick<Shop, "domain" | "name" | "email" | "currency">;

export function shopUrl(domain: string): string {
  return `https://${domain.replace(/^https?:\/\//, "").replace(/\/+$/, "")}`;
}

function templateShop(shop: ShopFields): TemplateShop {
  return {
    name: shop.name?.trim() || shop.domain,
    domain: shop.domain,
    url: shopUrl(shop.domain),
    email: shop.email ?? null,
    currency: shop.currency,
  };
}

/** The customer columns a template context reads (a batch may load only these). */
export type TemplateCustomerRow = Pick<
  Customer,
  "id" | "shopId" | "firstName" | "lastName" | "email" | "phone" | "locale"
>;

function templateCustomer(customer: Pick<Customer, "firstName" | "lastName" | "email" | "phone" | "locale">) {
  const first = customer.firstName?.trim() || null;
  const last = customer.lastName?.trim() || null;
  return {
    first_name: first,
    last_name: last,
    name: [first, last].filter(Boolean).join(" ") || null,
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    locale: customer.locale ?? null,
  };
}

function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return null;
}

function amount(value: unknown): number {
  const n = Number(typeof value === "string" || typeof value === "number" ? value : String(value ?? "0"));
  return Number.isFinite(n) ? n : 0;
}

interface RawLineItem {
  title: string;
  quantity: number;
  price: number;
  variantTitle: string | null;
  productId: string | null;
  productHandle: string | null;
  variantId: string | null;
  sku: string | null;
  imageUrl: string | null;
}

/** The line items JSON columns (LineItemInput[], tolerant of snake_case and stray values). */
function rawLineItems(json: unknown): RawLineItem[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((item): item is Record<string, unknown> => !!item && typeof item === "object")
    .map((item) => ({
      title: text(item.title) ?? text(item.name) ?? "Item",
      quantity: Math.max(0, Math.trunc(amount(item.quantity))),
      price: amount(item.price),
      variantTitle: text(item.variantTitle) ?? text(item.variant_title),
      productId: text(item.productId) ?? text(item.product_id),
      productHandle: text(item.handle) ?? text(item.productHandle) ?? text(item.product_handle),
      variantId: text(item.variantId) ?? text(item.variant_id),
      sku: text(item.sku),
      imageUrl: text(item.imageUrl) ?? text(item.image_url),
    }));
}

function templateLineItems(items: RawLineItem[]): TemplateLineItem[] {
  return items.map((item) => ({
    title: item.title,
    quantity: item.quantity,
    price: item.price.toFixed(2),
    line_price: (item.price * item.quantity).toFixed(2),
    variant_title: item.variantTitle,
    product_id: item.productId,
    variant_id: item.variantId,
    sku: item.sku,
    image_url: item.imageUrl,
  }));
}

function itemCount(items: RawLineItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity, 0);
}

function money(value: { toFixed(digits: number): string } | string | number): string {
  return typeof value === "object" ? value.toFixed(2) : amount(value).toFixed(2);
}

function templateCheckout(checkout: Checkout): TemplateCheckout {
  const items = rawLineItems(checkout.lineItems);
  return {
    abandoned_checkout_url: checkout.abandonedCheckoutUrl ?? null,
    line_items: templateLineItems(items),
    total_price: money(checkout.totalPrice),
    currency: checkout.currency,
    item_count: itemCount(items),
  };
}

function templateOrder(order: Order): TemplateOrder {
  const items = rawLineItems(order.lineItems);
  return {
    name: order.name ?? null,
    line_items: templateLineItems(items),
    order_status_url: order.orderStatusUrl ?? null,
    total_price: money(order.totalPrice),
    currency: order.currency,
    item_count: itemCount(items),
  };
}

function templateFulfillment(fulfillment: Fulfillment): TemplateFulfillment {
  return {
    tracking_company: fulfillment.trackingCompany ?? null,
    tracking_number: fulfillment.trackingNumber ?? null,
    tracking_url: fulfillment.trackingUrl ?? null,
    shipment_status: fulfillment.shipmentStatus ?? null,
    status: fulfillment.status ?? null,
    line_items: templateLineItems(rawLineItems(fulfillment.lineItems)),
  };
}

/**
 * The product page of the first purchased product that we can link to, with the
 * #reviews anchor most review apps use; else the order status page; else the store.
 */
export function reviewUrlFor(
  shop: { domain: string },
  lineItemsJson: unknown[],
  orderStatusUrl: string | null | undefined,
): string {
  for (const json of lineItemsJson) {
    const product = rawLineItems(json).find((item) => item.productHandle || item.productId);
    if (product) {
      const ref = product.productHandle ?? product.productId!;
      return `${shopUrl(shop.domain)}/products/${encodeURIComponent(ref)}#reviews`;
    }
  }
  return orderStatusUrl || shopUrl(shop.domain);
}

function notInShop(kind: string, id: string): TemplateContextError {
  return new TemplateContextError(`${kind} ${id} does not exist in this shop`);
}

export async function buildTemplateContext(input: BuildTemplateContextInput): Promise<TemplateContext> {
  const { shopId } = input;
  const client = db();
  const [shop, customer, checkout, orderById, fulfillment] = await Promise.all([
    input.loaded?.shop?.id === shopId ? input.loaded.shop : client.shop.findUnique({ where: { id: shopId } }),
    input.loaded?.customer?.id === input.customerId && input.loaded.customer.shopId === shopId
      ? input.loaded.customer
      : client.customer.findFirst({ where: { id: input.customerId, shopId } }),
    input.checkoutId ? client.checkout.findFirst({ where: { id: input.checkoutId, shopId } }) : null,
    input.orderId
      ? input.loaded?.order?.id === input.orderId && input.loaded.order.shopId === shopId
        ? input.loaded.order
        : client.order.findFirst({ where: { id: input.orderId, shopId } })
      : null,
    input.fulfillmentId
      ? input.loaded?.fulfillment?.id === input.fulfillmentId && input.loaded.fulfillment.shopId === shopId
        ? input.loaded.fulfillment
        : client.fulfillment.findFirst({ where: { id: input.fulfillmentId, shopId } })
      : null,
  ]);
  if (!shop) throw new TemplateContextError(`Shop ${shopId} does not exist`);
  if (!customer) throw notInShop("Customer", input.customerId);
  if (input.checkoutId && !checkout) throw notInShop("Checkout", input.checkoutId);
  if (input.orderId && !orderById) throw notInShop("Order", input.orderId);
  if (input.fulfillmentId && !fulfillment) throw notInShop("Fulfillment", input.fulfillmentId);

  // A fulfillment refers to its order by Shopify id (it may arrive before the order).
  const order =
    orderById ??
    (fulfillment
      ? await client.order.findUnique({
          where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: fulfillment.shopifyOrderId } },
        })
      : null);
  const recommendations = input.recommendations
    ? await templateRecommendations(shopId, customer.id, order?.id ?? null, input.recommendations)
    : undefined;

  const locale = customer.locale ?? checkout?.locale ?? shop.primaryLocale;
  // Guests often have no name on their customer record but do on the address they typed.
  const address = (checkout?.shippingAddress ?? order?.shippingAddress ?? null) as {
    firstName?: string | null;
    lastName?: string | null;
  } | null;
  const templateCustomerValue = templateCustomer({
    ...customer,
    firstName: customer.firstName?.trim() || address?.firstName || null,
    lastName: customer.lastName?.trim() || address?.lastName || null,
    locale,
  });
  return {
    locale,
    currency: order?.currency ?? checkout?.currency ?? shop.currency,
    shop: templateShop(shop),
    customer: templateCustomerValue,
    checkout: checkout ? templateCheckout(checkout) : null,
    order: order ? templateOrder(order) : null,
    fulfillment: fulfillment ? templateFulfillment(fulfillment) : null,
    review_url:
      order || fulfillment
        ? reviewUrlFor(
            shop,
            [order?.lineItems, fulfillment?.lineItems].filter((items) => items != null) as unknown[],
            order?.orderStatusUrl,
          )
        : null,
    unsubscribe_url: input.unsubscribeUrl ?? null,
    ...(recommendations ? { recommendations } : {}),
  };
}

/** Suggestions are an extra: when they cannot be read the message still goes, with none. */
async function templateRecommendations(
  shopId: string,
  customerId: string,
  orderId: string | null,
  wanted: true | number,
): Promise<Recommendation[]> {
  try {
    return await recommendationsFor(shopId, { customerId, orderId, limit: wanted === true ? null : wanted });
  } catch (err) {
    logger.warn({ shopId, customerId, orderId, err: (err as Error).message }, "recommendations unavailable");
    return [];
  }
}

/**
 * A realistic context for previews when the shop has no customer (or none chosen):
 * a made-up customer with an open checkout, an order and a shipment in transit.
 */
export function sampleTemplateContext(
  shop: Pick<Shop, "domain" | "name" | "email" | "currency" | "primaryLocale">,
  options: { shipmentStatus?: string | null; locale?: string | null } = {},
): TemplateContext {
  const url = shopUrl(shop.domain);
  const items: RawLineItem[] = [
    {
      title: "Linen shirt",
      quantity: 2,
      price: 45,
      variantTitle: "M / Sand",
      productId: "7001",
      productHandle: "linen-shirt",
      variantId: "4001",
      sku: "LIN-M-SND",
      imageUrl: null,
    },
    {
      title: "Canvas tote",
      quantity: 1,
      price: 18.5,
      variantTitle: null,
      productId: "7002",
      productHandle: "canvas-tote",
      variantId: "4002",
      sku: "TOTE",
      imageUrl: null,
    },
  ];
  const lineItems = templateLineItems(items);
  const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0).toFixed(2);
  const locale = options.locale ?? shop.primaryLocale;
  return {
    locale,
    currency: shop.currency,
    shop: templateShop(shop),
    customer: {
      first_name: "Alex",
      last_name: "Rivera",
      name: "Alex Rivera",
      email: "alex.rivera@example.com",
      phone: "+14155550123",
      locale,
    },
    checkout: {
      abandoned_checkout_url: `${url}/checkouts/sample/recover`,
      line_items: lineItems,
      total_price: total,
      currency: shop.currency,
      item_count: itemCount(items),
    },
    order: {
      name: "#1001",
      line_items: lineItems,
      order_status_url: `${url}/orders/sample/authenticate`,
      total_price: total,
      currency: shop.currency,
      item_count: itemCount(items),
    },
    fulfillment: {
      tracking_company: "UPS",
      tracking_number: "1Z999AA10123456784",
      tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
      shipment_status: options.shipmentStatus === undefined ? "in_transit" : options.shipmentStatus,
      status: "success",
      line_items: lineItems,
    },
    review_url: `${url}/products/linen-shirt#reviews`,
    unsubscribe_url: `${url}/unsubscribe/sample`,
    discount: {
      code: "SAMPLE-7Q2K9",
      percent: 10,
      ends_at: new Date(Date.UTC(2030, 0, 15)).toISOString(),
      url: `${url}/discount/SAMPLE-7Q2K9`,
    },
    product: {
      title: "Linen shirt",
      url: `${url}/products/linen-shirt`,
      image: null,
      price: "45.00",
      product_id: "7001",
    } as TemplateProduct,
  };
}
