// customerSegmentMembers(query:, first:, after:) as 2026-10 answers it, over the dataset's customers.
// The stand-in understands a small part of Shopify's segment query language: comparisons joined by
// AND / OR (AND binds tighter; no parentheses), on
//   number_of_orders, amount_spent            = != > >= < <= a number
//   rfm_group                                 = != a CustomerRfmGroup value (quoted or not)
//   customer_countries                        CONTAINS / NOT CONTAINS 'US' (the default address)
//   email_subscription_status                 = != 'SUBSCRIBED' | 'NOT_SUBSCRIBED' | 'UNSUBSCRIBED' | 'PENDING'
//   customer_email_domain                     = != 'example.com'
// Anything else is refused as Shopify refuses it: a top-level GraphQL error on customerSegmentMembers.
import type { FakeCustomer, FakeShopDataset } from "./dataset";
import { decodeCursor, encodeCursor } from "./wire-shapes";

type Test = (customer: FakeCustomer) => boolean;

export class SegmentQueryError extends Error {}

const COMPARISON = /^([a-z_]+)\s*(>=|<=|!=|=|>|<|NOT CONTAINS|CONTAINS)\s*(.+)$/i;

function unquote(raw: string): string {
  const value = raw.trim();
  return /^'.*'$|^".*"$/.test(value) ? value.slice(1, -1) : value;
}

function compareNumbers(left: number, op: string, right: number): boolean {
  switch (op) {
    case "=":
      return left === right;
    case "!=":
      return left !== right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
    case "<":
      return left < right;
    default:
      return left <= right;
  }
}

function equality(op: string, column: string, actual: string | null, expected: string): boolean {
  if (op === "=") return actual === expected;
  if (op === "!=") return actual !== expected;
  throw new SegmentQueryError(`'${column}' does not support the operator ${op}.`);
}

function parseComparison(text: string, column: number): Test {
  const match = COMPARISON.exec(text.trim());
  if (!match) throw new SegmentQueryError(`Line 1 Column ${column}: '${text.trim()}' is not a valid condition.`);
  const [, attribute, rawOp, rawValue] = match;
  const op = rawOp.toUpperCase();
  const value = unquote(rawValue);
  switch (attribute) {
    case "number_of_orders":
    case "amount_spent": {
      const right = Number(value);
      if (!Number.isFinite(right) || op.includes("CONTAINS"))
        throw new SegmentQueryError(`Line 1 Column ${column}: '${attribute}' expects a number.`);
      return (c) =>
        compareNumbers(
          attribute === "number_of_orders" ? Number(c.numberOfOrders) : Number(c.amountSpent.amount),
          op,
          right,
        );
    }
    case "rfm_group":
      return (c) => equality(op, attribute, c.statistics?.rfmGroup ?? null, value.toUpperCase());
    case "customer_countries": {
      if (!op.includes("CONTAINS"))
        throw new SegmentQueryError(`Line 1 Column ${column}: 'customer_countries' expects CONTAINS.`);
      const contains = (c: FakeCustomer) => c.defaultAddress?.countryCodeV2 === value.toUpperCase();
      return op === "CONTAINS" ? contains : (c) => !contains(c);
    }
    case "email_subscription_status":
      return (c) => equality(op, attribute, c.defaultEmailAddress?.marketingState ?? null, value.toUpperCase());
    case "customer_email_domain":
      return (c) => equality(op, attribute, c.email?.split("@")[1]?.toLowerCase() ?? null, value.toLowerCase());
    default:
      throw new SegmentQueryError(`Line 1 Column ${column}: '${attribute}' filter cannot be found.`);
  }
}

export function parseSegmentQuery(query: string): Test {
  if (!query.trim()) throw new SegmentQueryError("Line 1 Column 0: the query is empty.");
  const anyOf = query.split(/\s+OR\s+/i).map((group) => group.split(/\s+AND\s+/i));
  const tests = anyOf.map((group) => group.map((part) => parseComparison(part, query.indexOf(part))));
  return (c) => tests.some((all) => all.every((test) => test(c)));
}

/** The page, or the error Shopify answers with for a query it cannot read. */
export function customerSegmentMembers(dataset: FakeShopDataset, variables: Record<string, unknown>) {
  const query = typeof variables.query === "string" ? variables.query : "";
  let test: Test;
  try {
    test = parseSegmentQuery(query);
  } catch (error) {
    return {
      errors: [
        {
          message: (error as Error).message,
          locations: [{ line: 2, column: 3 }],
          path: ["customerSegmentMembers"],
        },
      ],
    };
  }
  const members = dataset.customers.filter(test);
  const first = typeof variables.first === "number" ? Math.min(variables.first, 1000) : 50;
  const start = decodeCursor(variables.after) + 1;
  const slice = members.slice(start, start + first);
  const last = start + slice.length - 1;
  return {
    data: {
      customerSegmentMembers: {
        edges: slice.map((c, i) => ({
          cursor: encodeCursor(start + i),
          node: {
            id: `gid://shopify/CustomerSegmentMember/${c.id.slice(c.id.lastIndexOf("/") + 1)}`,
            displayName: [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || c.phone || "",
          },
        })),
        pageInfo: {
          hasNextPage: last < members.length - 1,
          endCursor: slice.length ? encodeCursor(last) : null,
        },
        totalCount: members.length,
      },
    },
    returnedNodes: slice.length,
  };
}
