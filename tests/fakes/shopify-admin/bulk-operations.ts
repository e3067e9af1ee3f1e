// bulkOperationRunQuery: the fake snapshots the result when asked, reports the
// operation RUNNING on the first poll and COMPLETED afterwards, and serves the
// JSONL itself in Shopify's flattened layout (children carry __parentId).
import type { FakeShopDataset } from "./dataset";
import { parseSearchQuery, matches } from "./search-query";
import { orderNodeWithoutLineItems } from "./wire-shapes";
import { productBulkLines, productsOf } from "./products";

export interface FakeBulkOperation {
  id: string;
  number: number;
  query: string;
  polls: number;
  jsonl: string;
  objectCount: number;
}

function ordersSearchOf(bulkQuery: string): string | undefined {
  const match = /orders\(query:\s*("(?:[^"\\]|\\.)*")/.exec(bulkQuery);
  return match ? (JSON.parse(match[1]) as string) : undefined;
}

export function renderBulkJsonl(dataset: FakeShopDataset, bulkQuery: string): { jsonl: string; objectCount: number } {
  const lines: unknown[] = [];
  if (/^\s*\{\s*customers\b/.test(bulkQuery)) {
    lines.push(...dataset.customers);
  } else if (/^\s*\{\s*orders\b/.test(bulkQuery)) {
    const filter = parseSearchQuery(ordersSearchOf(bulkQuery));
    for (const order of dataset.orders.filter((o) => matches(o, filter))) {
      lines.push(orderNodeWithoutLineItems(dataset, order));
      for (const item of order.lineItems) lines.push({ ...item, __parentId: order.id });
    }
  } else if (/^\s*\{\s*products\b/.test(bulkQuery)) {
    for (const product of productsOf(dataset)) lines.push(...productBulkLines(product));
  } else {
    throw new Error(`The fake cannot run this bulk query: ${bulkQuery.slice(0, 80)}`);
  }
  return {
    jsonl: lines.map((l) => JSON.stringify(l)).join("\n") + (lines.length ? "\n" : ""),
    objectCount: lines.length,
  };
}

export class BulkOperations {
  private readonly operations = new Map<string, FakeBulkOperation>();
  private next = 1;

  /** Like Shopify, one bulk query at a time: a second one while the first runs is refused (null). */
  create(dataset: FakeShopDataset, query: string): FakeBulkOperation | null {
    if (this.current() && !this.isCompleted(this.current()!)) return null;
    const number = this.next++;
    const operation = {
      id: `gid://shopify/BulkOperation/${number}`,
      number,
      query,
      polls: 0,
      ...renderBulkJsonl(dataset, query),
    };
    this.operations.set(operation.id, operation);
    return operation;
  }

  current(): FakeBulkOperation | undefined {
    return [...this.operations.values()].at(-1);
  }

  private isCompleted(operation: FakeBulkOperation) {
    return operation.polls > 1;
  }

  /** Each poll moves the operation on: RUNNING on the first, COMPLETED after. */
  poll(id: string, baseUrl: string) {
    const operation = this.operations.get(id);
    if (!operation) return null;
    operation.polls += 1;
    return this.view(operation, baseUrl);
  }

  view(operation: FakeBulkOperation, baseUrl: string) {
    const completed = this.isCompleted(operation);
    return {
      id: operation.id,
      status: completed ? "COMPLETED" : "RUNNING",
      errorCode: null,
      objectCount: String(completed ? operation.objectCount : 0),
      url: completed && operation.objectCount > 0 ? `${baseUrl}/bulk/${operation.number}.jsonl` : null,
      partialDataUrl: null,
    };
  }

  jsonlOf(number: number): string | undefined {
    return [...this.operations.values()].find((o) => o.number === number)?.jsonl;
  }

  all(): FakeBulkOperation[] {
    return [...this.operations.values()];
  }
}
