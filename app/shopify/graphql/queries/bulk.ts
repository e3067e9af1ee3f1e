// Bulk operations: Shopify runs the query itself and hands back a JSONL file in
// which nested connections become child lines carrying __parentId.
import { CUSTOMER_FIELDS, LINE_ITEM_FIELDS, ORDER_FIELDS } from "./fragments";
import { CUSTOMER_STATISTICS_FIELDS } from "./backfill";

export const BULK_RUN_MUTATION = `mutation BackfillBulkRun($query: String!) {
  bulkOperationRunQuery(query: $query) {
    bulkOperation { id status }
    userErrors { field message }
  }
}`;

export const BULK_POLL_QUERY = `query BackfillBulkPoll($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode objectCount url partialDataUrl } }
}`;

/** Shopify runs one bulk query per shop and app at a time; this finds the one in the way. */
export const CURRENT_BULK_OPERATION_QUERY = `query BackfillCurrentBulkOperation {
  currentBulkOperation(type: QUERY) { id status errorCode objectCount url partialDataUrl }
}`;

export function bulkCustomersQuery(): string {
  return `{ customers { edges { node { ${CUSTOMER_FIELDS} ${CUSTOMER_STATISTICS_FIELDS} } } } }`;
}

export function bulkOrdersQuery(ordersQuery: string): string {
  return `{ orders(query: ${JSON.stringify(ordersQuery)}) { edges { node {
    ${ORDER_FIELDS}
    lineItems { edges { node { ${LINE_ITEM_FIELDS} } } }
  } } } }`;
}
