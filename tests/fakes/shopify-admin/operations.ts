// The stand-in cannot parse GraphQL; it recognises each operation Threadline
// sends by name and answers it from the dataset in the real response shape.
import type { BulkOperations } from "./bulk-operations";
import type { FakeShopDataset } from "./dataset";
import { matches, parseSearchQuery } from "./search-query";
import { checkoutNode, orderNode, page } from "./wire-shapes";

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

export const OPERATIONS: Record<string, Handler> = {
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
};
