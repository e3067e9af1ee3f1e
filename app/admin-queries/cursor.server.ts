// Opaque keyset cursors: "<ISO timestamp>|<id>" in base64url. A cursor that does
// not decode is treated as absent (first page) rather than as an error.

export interface KeysetCursor {
  at: Date;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string | null | undefined): KeysetCursor | null {
  if (!value) return null;
  let raw: string;
  try {
    raw = Buffer.from(value, "base64url").toString("utf8");
  } catch {
    return null;
  }
  const sep = raw.indexOf("|");
  if (sep <= 0) return null;
  const at = new Date(raw.slice(0, sep));
  const id = raw.slice(sep + 1);
  if (Number.isNaN(at.getTime()) || !id || id.length > 64) return null;
  return { at, id };
}

export type PageDirection = "next" | "previous";

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Cursor of the last row shown: pass with direction "next". */
  endCursor: string | null;
  /** Cursor of the first row shown: pass with direction "previous". */
  startCursor: string | null;
}

/**
 * Builds a Prisma where-fragment and order for "newest first" keyset pages on
 * (field desc, id desc). "next" walks towards older rows, "previous" towards newer.
 */
export function keysetWhere<F extends string>(field: F, cursor: KeysetCursor, towardsOlder: boolean) {
  const cmp = towardsOlder ? "lt" : "gt";
  return {
    OR: [{ [field]: { [cmp]: cursor.at } }, { [field]: cursor.at, id: { [cmp]: cursor.id } }],
  } as Record<string, unknown>;
}

export function keysetOrder<F extends string>(field: F, towardsOlder: boolean) {
  const dir = towardsOlder ? "desc" : "asc";
  return [{ [field]: dir }, { id: dir }] as Array<Record<string, "asc" | "desc">>;
}

/**
 * Runs one keyset page. `fetch` receives the extra where-fragment and order and
 * must return up to `take` rows; rows come back newest first whatever the direction.
 */
export async function keysetPage<T extends { id: string }>(opts: {
  field: string;
  cursor: KeysetCursor | null;
  direction: PageDirection;
  pageSize: number;
  fetch: (args: {
    where: Record<string, unknown> | undefined;
    orderBy: Array<Record<string, "asc" | "desc">>;
    take: number;
  }) => Promise<T[]>;
}): Promise<{ rows: T[]; pageInfo: PageInfo }> {
  const { field, cursor, pageSize } = opts;
  const at = (row: T) => (row as unknown as Record<string, Date>)[field];
  const direction: PageDirection = cursor ? opts.direction : "next";
  const towardsOlder = direction === "next";
  const rows = await opts.fetch({
    where: cursor ? keysetWhere(field, cursor, towardsOlder) : undefined,
    orderBy: keysetOrder(field, towardsOlder),
    take: pageSize + 1,
  });
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (!towardsOlder) page.reverse();

  let hasNextPage: boolean;
  let hasPreviousPage: boolean;
  const first = page[0];
  const last = page[page.length - 1];
  if (towardsOlder) {
    hasNextPage = hasMore;
    hasPreviousPage =
      cursor !== null && first !== undefined
        ? (
            await opts.fetch({
              where: keysetWhere(field, { at: at(first), id: first.id }, false),
              orderBy: keysetOrder(field, false),
              take: 1,
            })
          ).length > 0
        : false;
  } else {
    hasPreviousPage = hasMore;
    hasNextPage =
      last !== undefined
        ? (
            await opts.fetch({
              where: keysetWhere(field, { at: at(last), id: last.id }, true),
              orderBy: keysetOrder(field, true),
              take: 1,
            })
          ).length > 0
        : false;
  }
  return {
    rows: page,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      endCursor: last ? encodeCursor(at(last), last.id) : null,
      startCursor: first ? encodeCursor(at(first), first.id) : null,
    },
  };
}

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}
