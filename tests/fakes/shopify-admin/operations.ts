// The stand-in cannot parse GraphQL; it recognises each operation Threadline
// sends by name and answers it from the dataset in the real response shape.
import type { BulkOperations } from "./bulk-operations";
import type { FakeCustomer, FakeMarketingOptInLevel, FakeMarketingState, FakeShopDataset } from "./dataset";
import { matches, parseSearchQuery } from "./search-query";
import { checkoutNode, orderNode, page } from "./wire-shapes";
import { customerSegmentMembers } from "./segment-query";
import { productNode, productsOf } from "./products";
import { WEB_PIXEL_OPERATIONS } from "./web-pixels";
import { DISCOUNT_OPERATIONS } from "./discounts";

export interface OperationContext {
  dataset: FakeShopDataset;
  variables: Record<string, unknown>;
  bulk: BulkOperations;
  baseUrl: string;
}

export interface OperationAnswer {
  data: unknown;
  /** Nodes returned by a connection, for the actual cost. */
  returnedNodes?: number;
  /** Top-level GraphQL errors answered beside `data` (a query Shopify cannot read). */
  errors?: unknown[];
}

type Handler = (ctx: OperationContext) => OperationAnswer;

const byCreatedAt = <T extends { createdAt: string; id: string }>(a: T, b: T) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

function abandonedCheckouts({ dataset, variables }: OperationContext): OperationAnswer {
  const filter = parseSearchQuery(variables.query);
  const connection = page(
    dataset.abandonedCheckouts.filter((c) => matches(c, filter)),
    variables,
    (c) => checkoutNode(dataset, c),
  );
  return { data: { abandonedCheckouts: connection }, returnedNodes: connection.nodes.length };
}

// customerEmailMarketingConsentUpdate / customerSmsMarketingConsentUpdate, as 2026-10 answers them:
// the payload's `customer` and `userErrors { field message code }`. Only SUBSCRIBED, UNSUBSCRIBED
// and PENDING can be set; the customer must have the address the consent belongs to.
const SETTABLE_STATES = new Set(["SUBSCRIBED", "UNSUBSCRIBED", "PENDING"]);

interface ConsentInput {
  marketingState?: string;
  marketingOptInLevel?: string | null;
  consentUpdatedAt?: string | null;
}

function consentUpdate(channel: "EMAIL" | "SMS"): Handler {
  const field = channel === "EMAIL" ? "customerEmailMarketingConsentUpdate" : "customerSmsMarketingConsentUpdate";
  const consentKey = channel === "EMAIL" ? "emailMarketingConsent" : "smsMarketingConsent";
  return ({ dataset, variables }) => {
    const input = (variables.input ?? {}) as { customerId?: string } & Record<string, ConsentInput | undefined>;
    const refuse = (path: string[], message: string, code: string) => ({
      data: { [field]: { customer: null, userErrors: [{ field: path, message, code }] } },
    });
    const customer: FakeCustomer | undefined = dataset.customers.find((c) => c.id === input.customerId);
    if (!customer) return refuse(["input", "customerId"], "Customer not found", "INVALID");
    const consent = input[consentKey];
    if (!consent?.marketingState)
      return refuse(["input", consentKey, "marketingState"], "Marketing state is required", "MISSING_ARGUMENT");
    if (!SETTABLE_STATES.has(consent.marketingState))
      return refuse(
        ["input", consentKey, "marketingState"],
        "Marketing state is not included in the list",
        "INCLUSION",
      );
    const state = consent.marketingState as FakeMarketingState;
    const level = (consent.marketingOptInLevel ?? null) as FakeMarketingOptInLevel | null;
    const updatedAt = consent.consentUpdatedAt ?? new Date().toISOString();
    if (channel === "EMAIL") {
      if (!customer.defaultEmailAddress)
        return refuse(["input", "customerId"], "Customer must have an email address", "INVALID");
      const address = customer.defaultEmailAddress;
      Object.assign(address, {
        marketingState: state,
        marketingOptInLevel: level ?? address.marketingOptInLevel,
        marketingUpdatedAt: updatedAt,
      });
      return { data: { [field]: { customer: { id: customer.id, defaultEmailAddress: address }, userErrors: [] } } };
    }
    if (!customer.defaultPhoneNumber)
      return refuse(["input", "customerId"], "Customer must have a phone number", "INVALID");
    const phone = customer.defaultPhoneNumber;
    Object.assign(phone, {
      marketingState: state,
      marketingOptInLevel: level ?? phone.marketingOptInLevel,
      marketingUpdatedAt: updatedAt,
      marketingCollectedFrom: "OTHER",
    });
    return { data: { [field]: { customer: { id: customer.id, defaultPhoneNumber: phone }, userErrors: [] } } };
  };
}

export const OPERATIONS: Record<string, Handler> = {
  // The app's web pixel: webPixel, webPixelCreate, webPixelUpdate (web-pixels.ts).
  ...WEB_PIXEL_OPERATIONS,
  // Code discounts: discountCodeBasicCreate, codeDiscountNodeByCode (discounts.ts).
  ...DISCOUNT_OPERATIONS,
  CustomerEmailMarketingConsentUpdate: consentUpdate("EMAIL"),
  CustomerSmsMarketingConsentUpdate: consentUpdate("SMS"),
  // flowTriggerReceive(handle:, payload:) as 2026-10 answers it: userErrors only. What it received
  // is in the server's captured requests (requestsFor("FlowTriggerReceive")).
  FlowTriggerReceive: ({ variables }) => {
    const refuse = (field: string, message: string) => ({
      data: { flowTriggerReceive: { userErrors: [{ field: [field], message }] } },
    });
    if (typeof variables.handle !== "string" || !variables.handle) return refuse("handle", "Handle is required");
    const payload = variables.payload;
    if (!payload || typeof payload !== "object" || Array.isArray(payload))
      return refuse("payload", "Payload must be an object");
    // Shopify's documented limit for a trigger payload.
    if (JSON.stringify(payload).length > 50_000) return refuse("payload", "Payload exceeds 50 KB");
    return { data: { flowTriggerReceive: { userErrors: [] } } };
  },

  BackfillShopInfo: ({ dataset }) => ({
    data: {
      shop: {
        name: dataset.shop.name,
        email: dataset.shop.email,
        currencyCode: dataset.shop.currencyCode,
        ianaTimezone: dataset.shop.ianaTimezone,
        myshopifyDomain: dataset.shop.domain,
        primaryDomain: dataset.shop.primaryDomain,
      },
      shopLocales: [{ locale: dataset.shop.primaryLocale, primary: true }],
    },
  }),

  ShopPolicies: ({ dataset }) => ({
    data: {
      shop: {
        shopPolicies: (dataset.shop.policies ?? []).map((p) => ({
          id: p.id,
          type: p.type,
          title: p.title,
          body: p.body,
          url: p.url,
          updatedAt: p.updatedAt,
        })),
      },
    },
  }),

  BackfillCounts: ({ dataset, variables }) => {
    const filter = parseSearchQuery(variables.ordersQuery);
    return {
      data: {
        customersCount: { count: dataset.customers.length, precision: "EXACT" },
        ordersCount: { count: dataset.orders.filter((o) => matches(o, filter)).length, precision: "EXACT" },
      },
    };
  },

  BackfillCustomers: ({ dataset, variables }) => {
    const connection = page(dataset.customers, variables, (c) => c);
    return { data: { customers: connection }, returnedNodes: connection.nodes.length };
  },

  BackfillOrders: ({ dataset, variables }) => {
    const filter = parseSearchQuery(variables.query);
    const sorted = dataset.orders.filter((o) => matches(o, filter)).sort(byCreatedAt);
    const connection = page(sorted, variables, (o) => orderNode(dataset, o));
    return { data: { orders: connection }, returnedNodes: connection.nodes.length };
  },

  // products(first:, after:, sortKey: ID) with collections(first: 25) and variants(first: 50).
  BackfillProducts: ({ dataset, variables }) => {
    const connection = page(productsOf(dataset), variables, (p) => productNode(p));
    return { data: { products: connection }, returnedNodes: connection.nodes.length };
  },

  BackfillProductVariants: ({ dataset, variables }) => {
    const product = (dataset.products ?? []).find((p) => p.id === variables.id);
    const connection = product ? page(product.variants, variables, (v) => v) : null;
    return { data: { product: connection ? { variants: connection } : null }, returnedNodes: connection?.nodes.length };
  },

  // customerSegmentMembers(query:, first:, after:): segment-query.ts reads the query language.
  SegmentMembers: ({ dataset, variables }) => {
    const answer = customerSegmentMembers(dataset, variables);
    return "errors" in answer
      ? { data: { customerSegmentMembers: null }, errors: answer.errors }
      : { data: answer.data, returnedNodes: answer.returnedNodes };
  },

  BackfillAbandonedCheckouts: abandonedCheckouts,
  SweepAbandonedCheckouts: abandonedCheckouts,

  BackfillBulkRun: ({ dataset, variables, bulk }) => {
    const running = bulk.current();
    const operation = bulk.create(dataset, String(variables.query));
    if (!operation) {
      const message = `A bulk query operation for this app and shop is already in progress: ${running?.id}.`;
      return { data: { bulkOperationRunQuery: { bulkOperation: null, userErrors: [{ field: null, message }] } } };
    }
    return {
      data: { bulkOperationRunQuery: { bulkOperation: { id: operation.id, status: "CREATED" }, userErrors: [] } },
    };
  },

  BackfillCurrentBulkOperation: ({ bulk, baseUrl }) => {
    const current = bulk.current();
    return { data: { currentBulkOperation: current ? bulk.view(current, baseUrl) : null } };
  },

  BackfillBulkPoll: ({ variables, bulk, baseUrl }) => ({ data: { node: bulk.poll(String(variables.id), baseUrl) } }),

  OrderDetails: ({ dataset, variables }) => {
    const order = dataset.orders.find((o) => o.id === variables.id);
    return { data: { order: order ? orderNode(dataset, order) : null } };
  },

  // Order tracking: `customer_id:<n>` newest first (sortKey PROCESSED_AT, reverse), `name:#1001`.
  TrackedOrdersOfCustomer: ({ dataset, variables }) => {
    const filter = parseSearchQuery(variables.query);
    const newestFirst = dataset.orders
      .filter((o) => matches(o, filter))
      .sort((a, b) => b.processedAt.localeCompare(a.processedAt) || b.id.localeCompare(a.id));
    const connection = page(newestFirst, variables, (o) => orderNode(dataset, o));
    return { data: { orders: connection }, returnedNodes: connection.nodes.length };
  },
  TrackedOrderById: ({ dataset, variables }) => {
    const order = dataset.orders.find((o) => o.id === variables.id);
    return { data: { order: order ? orderNode(dataset, order) : null } };
  },
  TrackedOrderByName: ({ dataset, variables }) => {
    const filter = parseSearchQuery(variables.query);
    const connection = page(
      dataset.orders.filter((o) => matches(o, filter)),
      { first: 5 },
      (o) => orderNode(dataset, o),
    );
    return { data: { orders: connection }, returnedNodes: connection.nodes.length };
  },
};
