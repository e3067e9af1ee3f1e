// Stores an admitted batch in one transaction: the events (duplicates by (shopId, eventId) dropped,
// so the pixel's retries and double sends are harmless), the browser tied to its customer when one
// is known (tie-customer.server.ts), that browser's earlier anonymous events handed to the customer
// with one UPDATE, and a timeline entry (dedupeKey pixel:<eventId>) for every event of a known
// customer, whether it arrived now or was tied just now.
import type { Tx } from "../commerce/transaction.server";
import { inRetryingTransaction } from "../commerce/transaction.server";
import { logger } from "../lib/logger.server";
import { shopifyIdNumber, type PixelBatch, type PixelBatchEvent } from "./batch";
import { tieBatchToCustomer, type TieSource } from "./tie-customer.server";
import {
  timelineData,
  timelineDedupeKey,
  timelineTitle,
  timelineTypeOf,
  type StoredPixelEvent,
} from "./timeline-entry";

export interface RecordedBatch {
  /** Events stored now. */
  saved: number;
  /** Events already stored (same eventId for this shop), or repeated within the batch. */
  duplicates: number;
  customerId: string | null;
  tiedBy: TieSource | null;
  /** Earlier anonymous events of this browser that now belong to the customer. */
  backfilled: number;
}

const STORED = {
  eventId: true,
  kind: true,
  title: true,
  url: true,
  price: true,
  shopifyProductId: true,
  shopifyVariantId: true,
  collectionId: true,
  occurredAt: true,
} as const;

function collectionGid(id: string): string {
  return `gid://shopify/Collection/${shopifyIdNumber(id)}`;
}

function rowOf(shopId: string, clientId: string, customerId: string | null, event: PixelBatchEvent, now: Date) {
  // A browser's clock may run ahead; nothing is recorded as happening in the future.
  const at = new Date(event.timestamp);
  const product = event.product;
  return {
    shopId,
    eventId: event.id,
    kind: event.name,
    clientId,
    customerId,
    shopifyProductId: shopifyIdNumber(product?.id),
    shopifyVariantId: shopifyIdNumber(product?.variantId),
    collectionId: event.collection ? collectionGid(event.collection.id) : null,
    title: product?.title ?? event.collection?.title ?? null,
    url: event.url ?? null,
    price: product?.price != null ? product.price.toFixed(2) : null,
    occurredAt: at > now ? now : at,
  };
}

/** The browser now belongs to this customer; a browser signed into someone else before moves over. */
async function claimClient(tx: Tx, shopId: string, clientId: string, customerId: string) {
  await tx.customerIdentity.upsert({
    where: { shopId_kind_value: { shopId, kind: "STOREFRONT_CLIENT", value: clientId } },
    create: { shopId, customerId, kind: "STOREFRONT_CLIENT", value: clientId },
    update: { customerId },
  });
}

type Stored = Omit<StoredPixelEvent, "price"> & { occurredAt: Date; price: { toString(): string } | null };

async function writeTimeline(tx: Tx, shopId: string, customerId: string, events: Stored[]) {
  const data = events.flatMap((row) => {
    const type = timelineTypeOf(row.kind);
    if (!type) return [];
    const event: StoredPixelEvent = { ...row, price: row.price?.toString() ?? null };
    return [
      {
        shopId,
        customerId,
        type,
        occurredAt: row.occurredAt,
        dedupeKey: timelineDedupeKey(row.eventId),
        title: timelineTitle(event),
        data: timelineData(event),
      },
    ];
  });
  if (data.length) await tx.timelineEvent.createMany({ data, skipDuplicates: true });
}

export async function recordPixelBatch(
  shopId: string,
  batch: PixelBatch,
  now: Date = new Date(),
): Promise<RecordedBatch> {
  const distinct = [...new Map(batch.events.map((e) => [e.id, e])).values()];
  const result = await inRetryingTransaction(async (tx) => {
    const tie = await tieBatchToCustomer(tx, shopId, batch);
    const customerId = tie?.customerId ?? null;
    const inserted = await tx.storefrontEvent.createManyAndReturn({
      data: distinct.map((event) => rowOf(shopId, batch.clientId, customerId, event, now)),
      skipDuplicates: true,
      select: STORED,
    });
    let backfilled: Stored[] = [];
    if (tie) {
      if (tie.source !== "client") await claimClient(tx, shopId, batch.clientId, tie.customerId);
      backfilled = await tx.storefrontEvent.updateManyAndReturn({
        where: { shopId, clientId: batch.clientId, customerId: null },
        data: { customerId: tie.customerId },
        select: STORED,
      });
      await writeTimeline(tx, shopId, tie.customerId, [...inserted, ...backfilled]);
    }
    return {
      saved: inserted.length,
      duplicates: batch.events.length - inserted.length,
      customerId,
      tiedBy: tie?.source ?? null,
      backfilled: backfilled.length,
    };
  });
  if (result.backfilled)
    logger.info(
      { shopId, customerId: result.customerId, tiedBy: result.tiedBy, backfilled: result.backfilled },
      "storefront browser tied to a customer",
    );
  return result;
}
