// The few pieces of Shopify's search syntax the backfill, the sweep and order tracking send.

export interface SearchFilter {
  createdAtFrom?: Date;
  updatedAtFrom?: Date;
  status?: "open" | "closed";
  /** `name:#1001` (order tracking): exact order name, case-insensitive. */
  name?: string;
  /** `customer_id:123` (order tracking): the order's customer, by numeric id. */
  customerId?: string;
}

export function parseSearchQuery(query: unknown): SearchFilter {
  if (typeof query !== "string") return {};
  const filter: SearchFilter = {};
  const created = /created_at:>=?'?([^'\s]+)'?/.exec(query);
  if (created) filter.createdAtFrom = new Date(created[1]);
  const updated = /updated_at:>=?'?([^'\s]+)'?/.exec(query);
  if (updated) filter.updatedAtFrom = new Date(updated[1]);
  const status = /status:(open|closed)/.exec(query);
  if (status) filter.status = status[1] as "open" | "closed";
  const name = /\bname:'?"?([^'"\s]+)/.exec(query);
  if (name) filter.name = name[1];
  const customer = /\bcustomer_id:(\d+)/.exec(query);
  if (customer) filter.customerId = customer[1];
  return filter;
}

export function matches(
  record: {
    createdAt: string;
    updatedAt: string;
    completedAt?: string | null;
    name?: string;
    customerId?: string | null;
  },
  filter: SearchFilter,
): boolean {
  if (filter.name !== undefined && record.name?.toLowerCase() !== filter.name.toLowerCase()) return false;
  if (filter.customerId !== undefined && !record.customerId?.endsWith(`/${filter.customerId}`)) return false;
  if (filter.createdAtFrom && new Date(record.createdAt) < filter.createdAtFrom) return false;
  if (filter.updatedAtFrom && new Date(record.updatedAt) < filter.updatedAtFrom) return false;
  if (filter.status === "open" && record.completedAt) return false;
  if (filter.status === "closed" && !record.completedAt) return false;
  return true;
}
