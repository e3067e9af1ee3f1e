// The few pieces of Shopify's search syntax the backfill and sweep send.

export interface SearchFilter {
  createdAtFrom?: Date;
  updatedAtFrom?: Date;
  status?: "open" | "closed";
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
  return filter;
}

export function matches(
  record: { createdAt: string; updatedAt: string; completedAt?: string | null },
  filter: SearchFilter,
): boolean {
  if (filter.createdAtFrom && new Date(record.createdAt) < filter.createdAtFrom) return false;
  if (filter.updatedAtFrom && new Date(record.updatedAt) < filter.updatedAtFrom) return false;
  if (filter.status === "open" && record.completedAt) return false;
  if (filter.status === "closed" && !record.completedAt) return false;
  return true;
}
