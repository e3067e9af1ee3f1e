// A realistic, deterministic shop: the same seed always gives the same customers,
// orders, fulfillments and abandoned checkouts, relative to `now`.
import {
  CARRIERS,
  CATALOGUE,
  FIRST_NAMES,
  LAST_NAMES,
  UK_PLACES,
  US_AREA_CODES,
  US_PLACES,
  type Place,
} from "./catalogue";
import type {
  FakeAbandonedCheckout,
  FakeAddress,
  FakeCustomer,
  FakeFulfillment,
  FakeLineItem,
  FakeMarketingState,
  FakeOrder,
  FakeRfmGroup,
  FakeShopDataset,
} from "./dataset";
import { generateShopPolicies } from "./shop-policies";
import { generateProducts } from "./products";

export interface GenerateShopDatasetOptions {
  seed: number;
  customers: number;
  /** Orders per customer in the last 90 days: a fixed number, or a range picked per customer. */
  ordersPerCustomer?: number | { min: number; max: number };
  abandonedCheckouts?: number;
  /** Orders placed before the 90-day window (the backfill must leave them out). */
  ordersBeforeWindow?: number;
  now?: Date;
  shopDomain?: string;
  shopName?: string;
  currencyCode?: string;
}

const DAY = 24 * 3600 * 1000;
const SHOP_NUMBER = 60150293;

/** mulberry32: tiny, fast, and good enough to make data look varied. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
    hex: (length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join(""),
    digits: (length: number) => Array.from({ length }, () => Math.floor(next() * 10)).join(""),
  };
}

/** A plausible CustomerRfmGroup from the order count and days since the last order. */
function fakeRfmGroup(orders: number, daysSinceLast: number | null): FakeRfmGroup {
  if (orders === 0 || daysSinceLast === null) return "PROSPECTS";
  if (daysSinceLast <= 30) return orders >= 3 ? "CHAMPIONS" : orders === 2 ? "ACTIVE" : "NEW";
  if (daysSinceLast <= 60) return orders >= 3 ? "LOYAL" : orders === 2 ? "NEEDS_ATTENTION" : "PROMISING";
  return orders >= 2 ? "AT_RISK" : "ALMOST_LOST";
}

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
const money = (amount: number, currencyCode: string) => ({ amount: amount.toFixed(2), currencyCode });

export function generateShopDataset(options: GenerateShopDatasetOptions): FakeShopDataset {
  const rand = prng(options.seed);
  const now = (options.now ?? new Date()).getTime();
  const domain = options.shopDomain ?? "threadline-demo.myshopify.com";
  const currencyCode = options.currencyCode ?? "USD";
  const perCustomer = options.ordersPerCustomer ?? { min: 0, max: 3 };
  const ordersFor = () => (typeof perCustomer === "number" ? perCustomer : rand.int(perCustomer.min, perCustomer.max));

  const customers: FakeCustomer[] = [];
  const orders: FakeOrder[] = [];
  const abandonedCheckouts: FakeAbandonedCheckout[] = [];
  let orderNumber = 1001;

  const addressFor = (first: string, last: string, place: Place, phone: string | null): FakeAddress => ({
    firstName: first,
    lastName: last,
    address1: `${rand.int(1, 240)} ${rand.pick(["High Street", "Main St", "Oak Avenue", "Mill Lane", "Market Street"])}`,
    city: place.city,
    province: place.province,
    zip: place.zip,
    countryCodeV2: place.countryCode,
    phone,
  });

  const lineItemsOf = (): FakeLineItem[] =>
    Array.from({ length: rand.int(1, 3) }, () => {
      const product = rand.pick(CATALOGUE);
      return {
        title: product.title,
        quantity: rand.int(1, 2),
        sku: product.sku,
        originalUnitPriceSet: { shopMoney: money(Number(product.price), currencyCode) },
        product: { id: `gid://shopify/Product/${product.productId}` },
        variant: { id: `gid://shopify/ProductVariant/${product.variantId}` },
        image: { url: `https://cdn.shopify.com/s/files/1/0601/5029/products/${product.sku.toLowerCase()}.jpg` },
      };
    });
  const totalOf = (items: FakeLineItem[]) =>
    items.reduce((sum, item) => sum + Number(item.originalUnitPriceSet.shopMoney.amount) * item.quantity, 0);

  for (let i = 0; i < options.customers; i++) {
    const firstName = rand.pick(FIRST_NAMES);
    const lastName = rand.pick(LAST_NAMES);
    const inUk = rand.chance(0.35);
    const place = rand.pick(inUk ? UK_PLACES : US_PLACES);
    const hasPhone = rand.chance(0.75);
    const phone = !hasPhone
      ? null
      : inUk
        ? `+447${rand.pick(["700", "911", "400"])}${rand.digits(6)}`
        : `+1${rand.pick(US_AREA_CODES)}${rand.int(2, 9)}${rand.digits(6)}`;
    const createdAt = now - rand.int(100, 700) * DAY;
    const emailState: FakeMarketingState = rand.pick([
      "SUBSCRIBED",
      "SUBSCRIBED",
      "NOT_SUBSCRIBED",
      "UNSUBSCRIBED",
      "PENDING",
    ]);
    const email = `${firstName}.${lastName}.${i + 1}@example.com`.toLowerCase();
    const customer: FakeCustomer = {
      id: `gid://shopify/Customer/${7_100_000_000 + i}`,
      firstName,
      lastName,
      email,
      phone,
      locale: inUk ? "en-GB" : "en",
      numberOfOrders: "0",
      amountSpent: money(0, currencyCode),
      defaultEmailAddress: {
        emailAddress: email,
        marketingState: emailState,
        marketingOptInLevel: emailState === "NOT_SUBSCRIBED" ? null : "SINGLE_OPT_IN",
        marketingUpdatedAt: emailState === "NOT_SUBSCRIBED" ? null : iso(createdAt),
      },
      defaultPhoneNumber: phone
        ? {
            phoneNumber: phone,
            marketingState: rand.pick(["SUBSCRIBED", "NOT_SUBSCRIBED", "NOT_SUBSCRIBED"] as const),
            marketingOptInLevel: "SINGLE_OPT_IN",
            marketingUpdatedAt: iso(createdAt),
            marketingCollectedFrom: "OTHER",
          }
        : null,
      defaultAddress: addressFor(firstName, lastName, place, phone),
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt + DAY),
    };
    customers.push(customer);

    const placeOrder = (createdMs: number) => {
      const items = lineItemsOf();
      const total = totalOf(items) + (totalOf(items) >= 100 ? 0 : 8);
      const ageDays = (now - createdMs) / DAY;
      const fulfillments: FakeFulfillment[] = [];
      if (ageDays > 2) {
        const shippedAt = createdMs + DAY;
        const delivered = ageDays > 7;
        const carrier = CARRIERS[place.countryCode];
        const trackingNumber = place.countryCode === "US" ? `1Z${rand.hex(16).toUpperCase()}` : `RM${rand.digits(9)}GB`;
        fulfillments.push({
          id: `gid://shopify/Fulfillment/${4_200_000_000 + orderNumber}`,
          status: "SUCCESS",
          displayStatus: delivered ? "DELIVERED" : "IN_TRANSIT",
          trackingInfo: [{ company: carrier.company, number: trackingNumber, url: carrier.url(trackingNumber) }],
          deliveredAt: delivered ? iso(shippedAt + 3 * DAY) : null,
          createdAt: iso(shippedAt),
          updatedAt: iso(delivered ? shippedAt + 3 * DAY : shippedAt + 3600_000),
        });
      }
      const updatedAt = fulfillments[0]?.updatedAt ?? iso(createdMs + 60_000);
      orders.push({
        id: `gid://shopify/Order/${5_300_000_000 + orderNumber}`,
        name: `#${orderNumber}`,
        customerId: customer.id,
        email: customer.email,
        phone: customer.phone,
        customerLocale: customer.locale,
        currencyCode,
        totalPriceSet: { shopMoney: money(total, currencyCode) },
        displayFinancialStatus: rand.pick(["PAID", "PAID", "PAID", "PAID", "PARTIALLY_REFUNDED", "PENDING"] as const),
        displayFulfillmentStatus: fulfillments.length ? "FULFILLED" : "UNFULFILLED",
        statusPageUrl: `https://${domain}/${SHOP_NUMBER}/orders/${rand.hex(32)}/authenticate?key=${rand.hex(32)}`,
        processedAt: iso(createdMs),
        cancelledAt: null,
        createdAt: iso(createdMs),
        updatedAt,
        shippingAddress: customer.defaultAddress,
        lineItems: items,
        fulfillments,
      });
      orderNumber += 1;
      return total;
    };

    let spent = 0;
    let count = 0;
    for (let n = 0; n < (i < (options.ordersBeforeWindow ?? 0) ? 1 : 0); n++, count++)
      spent += placeOrder(now - rand.int(100, 300) * DAY);
    for (let n = ordersFor(); n > 0; n--, count++) spent += placeOrder(now - rand.int(3600, 88 * 24 * 3600) * 1000);
    customer.numberOfOrders = String(count);
    customer.amountSpent = money(spent, currencyCode);
    // Shopify's RFM group, decided without the random stream so every other value stays as it was.
    // This customer's orders are the last `count` pushed.
    const newest = orders.slice(orders.length - count).reduce((ms, o) => Math.max(ms, Date.parse(o.processedAt)), 0);
    customer.statistics = { rfmGroup: fakeRfmGroup(count, newest ? (now - newest) / DAY : null) };
  }

  for (let i = 0; i < (options.abandonedCheckouts ?? 0) && customers.length; i++) {
    const customer = customers[rand.int(0, customers.length - 1)];
    const items = lineItemsOf();
    const token = rand.hex(32);
    const createdMs = now - rand.int(2 * 3600, 3 * 24 * 3600) * 1000;
    abandonedCheckouts.push({
      id: `gid://shopify/AbandonedCheckout/${3_400_000_000 + i}`,
      token,
      customerId: customer.id,
      abandonedCheckoutUrl: `https://${domain}/${SHOP_NUMBER}/checkouts/ac/${token}/recover?key=${rand.hex(24)}`,
      totalPriceSet: { shopMoney: money(totalOf(items), currencyCode) },
      completedAt: null,
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs + rand.int(1, 30) * 60_000),
      shippingAddress: customer.defaultAddress,
      lineItems: items,
    });
  }

  return {
    shop: {
      domain,
      name: options.shopName ?? "Threadline Demo Outfitters",
      email: `owner@${domain.replace(".myshopify.com", "")}.example.com`,
      currencyCode,
      ianaTimezone: "America/New_York",
      primaryLocale: "en",
      primaryDomain: { host: domain, url: `https://${domain}` },
      policies: generateShopPolicies(domain, now),
    },
    customers,
    orders,
    abandonedCheckouts,
    // From the fixed catalogue, without the random stream: the same seed gives the same customers and orders.
    products: generateProducts({ now, domain, storefrontUrl: `https://${domain}` }),
  };
}
