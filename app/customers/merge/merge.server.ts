// Staff merge two customers into one, after a side-by-side preview, and can undo it.
//
// mergeCustomers moves, in one transaction, everything the merged customer owns to
// the survivor: conversations, messages, timeline events, identities, consent,
// orders, checkouts and flow runs. It marks the merged customer (mergedIntoId, so
// ingestion and old links forward to the survivor) and writes a CustomerMerge row
// whose snapshot lists every moved row id and every value it overwrote, so that
// undoMerge can move exactly those rows back.
//
// Rules:
// - Two customers with different Shopify customer ids are never merged (Shopify
//   keeps them apart; so do we). A Shopify id held by only the merged customer
//   moves to the survivor, so later webhooks for it land on the survivor directly.
// - Consent: per channel and purpose the most restrictive state wins (REVOKED beats
//   GRANTED). A survivor row that the merge makes stricter gets source MERGE and a
//   CONSENT_CHANGED event; undo restores it only if nothing changed it since.
// - At most one open conversation per customer: when both have one, the merged
//   customer's messages move into the survivor's open conversation, and the emptied
//   conversation is resolved and kept (moved to the survivor) so that its email
//   reply-to token still threads into the survivor's open conversation.
// - Rows created after the merge stay with the survivor on undo.
import { Prisma, type Customer } from "../../generated/prisma/client";
import type {
  Channel,
  ConsentPurpose,
  ConsentSource,
  ConsentState,
  ConversationStatus,
} from "../../generated/prisma/enums";
import { inRetryingTransaction, type Tx } from "../../commerce/transaction.server";
import { refreshCustomerStats } from "../../commerce/customer-stats.server";
import { db } from "../../db/client.server";
import { recordTimelineEvent } from "../../timeline/record-event.server";
import { CHANNEL_LABEL } from "../../consent/record-consent.server";
import { customerDisplayName } from "../../admin-queries/customers.server";
import { customerLabelOf, customerLabels, customerLabelSelect } from "../../admin-queries/customer-labels.server";
import { consentKey, mergeConsentOutcome, type ConsentOutcome } from "./consent-outcome";
import { CLEARED_SLA_TIMERS, refreshSlaTimers } from "../../sla/timers.server";

export interface StaffRef {
  id: string;
  name: string;
}

/** A merge or undo that must not happen; the message is written for staff. */
export class MergeRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MergeRefusedError";
  }
}

export const DIFFERENT_SHOPIFY_IDS = "Two Shopify customers cannot be merged";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

// ---------------------------------------------------------------------------
// Preview

export interface MergeSide {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  shopifyCustomerId: string | null;
  identities: Array<{ id: string; kind: string; value: string }>;
  consents: Array<{ channel: Channel; purpose: ConsentPurpose; state: ConsentState; source: ConsentSource }>;
  counts: { conversations: number; messages: number; orders: number; checkouts: number; timelineEvents: number };
  hasOpenConversation: boolean;
}

export type MergePreview =
  | {
      ok: true;
      survivor: MergeSide;
      merged: MergeSide;
      consent: ConsentOutcome[];
      conflicts: ConsentOutcome[];
      /** Both have an open conversation: the merged one's messages join the survivor's. */
      openConversationCollision: boolean;
    }
  | { ok: false; reason: string; survivor: MergeSide | null; merged: MergeSide | null };

type CustomerRow = Customer;

async function loadSide(tx: Tx, shopId: string, customer: CustomerRow): Promise<MergeSide> {
  const customerId = customer.id;
  const [identities, consents, conversations, messages, orders, checkouts, timelineEvents, open] = await Promise.all([
    tx.customerIdentity.findMany({
      where: { shopId, customerId },
      orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
      select: { id: true, kind: true, value: true },
    }),
    tx.consent.findMany({
      where: { shopId, customerId },
      orderBy: [{ channel: "asc" }, { purpose: "asc" }],
      select: { channel: true, purpose: true, state: true, source: true },
    }),
    tx.conversation.count({ where: { shopId, customerId } }),
    tx.message.count({ where: { shopId, customerId } }),
    tx.order.count({ where: { shopId, customerId } }),
    tx.checkout.count({ where: { shopId, customerId } }),
    tx.timelineEvent.count({ where: { shopId, customerId } }),
    tx.conversation.count({ where: { shopId, openCustomerId: customerId } }),
  ]);
  const redacted = customer.redactedAt !== null;
  return {
    id: customer.id,
    name: await customerLabelOf(shopId, customer),
    email: redacted ? null : customer.email,
    phone: redacted ? null : customer.phone,
    shopifyCustomerId: customer.shopifyCustomerId?.toString() ?? null,
    identities: redacted ? [] : identities,
    consents,
    counts: { conversations, messages, orders, checkouts, timelineEvents },
    hasOpenConversation: open > 0,
  };
}

/** Why these two customers cannot be merged, or null when they can. */
function refusal(survivor: CustomerRow, merged: CustomerRow): string | null {
  if (survivor.id === merged.id) return "A customer cannot be merged with itself.";
  if (merged.mergedIntoId) return "That customer was already merged into another customer.";
  if (survivor.mergedIntoId) return "This customer was merged into another customer; merge into that one instead.";
  if (
    survivor.shopifyCustomerId !== null &&
    merged.shopifyCustomerId !== null &&
    survivor.shopifyCustomerId !== merged.shopifyCustomerId
  ) {
    return DIFFERENT_SHOPIFY_IDS;
  }
  return null;
}

async function requireCustomers(tx: Tx, shopId: string, survivorId: string, mergedId: string) {
  const rows = await tx.customer.findMany({ where: { shopId, id: { in: [survivorId, mergedId] } } });
  const survivor = rows.find((r) => r.id === survivorId);
  const merged = rows.find((r) => r.id === mergedId);
  if (!survivor || !merged) notFound();
  return { survivor, merged };
}

export async function previewMerge(shopId: string, survivorId: string, mergedId: string): Promise<MergePreview> {
  const tx = db() as unknown as Tx;
  const { survivor, merged } = await requireCustomers(tx, shopId, survivorId, mergedId);
  const [survivorSide, mergedSide] = await Promise.all([
    loadSide(tx, shopId, survivor),
    survivor.id === merged.id ? null : loadSide(tx, shopId, merged),
  ]);
  const reason = refusal(survivor, merged);
  if (reason || !mergedSide) {
    return { ok: false, reason: reason ?? "Cannot merge.", survivor: survivorSide, merged: mergedSide };
  }
  const consent = mergeConsentOutcome(survivorSide.consents, mergedSide.consents);
  return {
    ok: true,
    survivor: survivorSide,
    merged: mergedSide,
    consent,
    conflicts: consent.filter((c) => c.conflict),
    openConversationCollision: survivorSide.hasOpenConversation && mergedSide.hasOpenConversation,
  };
}

// ---------------------------------------------------------------------------
// Snapshot: everything undo needs. Dates are ISO strings, bigints decimal strings.

interface ConversationState {
  id: string;
  status: ConversationStatus;
  openCustomerId: string | null;
  snoozedUntil: string | null;
  resolvedAt: string | null;
}

interface ConsentRowSnapshot {
  id: string;
  channel: Channel;
  purpose: ConsentPurpose;
  state: ConsentState;
  source: ConsentSource;
  occurredAt: string;
}

export interface MergeSnapshot {
  version: 1;
  survivorId: string;
  mergedId: string;
  /** Both customers' labels just before the merge (a merge may fill the survivor's name). */
  names?: { survivor: string; merged: string };
  /** Conversations whose customerId moved to the survivor, with their state before. */
  conversations: ConversationState[];
  /** Both had an open conversation: these messages moved into the survivor's one. */
  collision: null | {
    survivorConversationId: string;
    mergedConversationId: string;
    messageIds: string[];
    survivorConversationBefore: {
      unreadCount: number;
      lastActivityAt: string;
      lastInboundAt: string | null;
      lastInboundChannel: Channel | null;
      lastMessagePreview: string | null;
    };
    survivorConversationAfter: { lastActivityAt: string };
    mergedConversationUnread: number;
  };
  messageIds: string[];
  timelineEventIds: string[];
  identityIds: string[];
  orderIds: string[];
  checkoutIds: string[];
  flowRunIds: string[];
  consent: {
    /** The merged customer's consent rows as they were before the merge. */
    mergedOriginal: ConsentRowSnapshot[];
    /** Merged rows moved as they were (the survivor had none for that channel and purpose); the others stay. */
    movedIds: string[];
    /** Survivor rows the merge made stricter: their values before, and what the merge wrote. */
    survivorChanged: Array<ConsentRowSnapshot & { mergeOccurredAt: string }>;
  };
  customer: {
    /** Survivor fields that were empty and filled from the merged customer (original values: null). */
    filledFields: string[];
    /** The Shopify id moved from the merged customer to the survivor. */
    movedShopifyCustomerId: string | null;
    survivorStats: { ordersCount: number; totalSpent: string };
  };
}

const FILLABLE = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "locale",
  "ianaTimezone",
  "countryCode",
  "shopifyCreatedAt",
] as const;

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

function conversationState(c: {
  id: string;
  status: ConversationStatus;
  openCustomerId: string | null;
  snoozedUntil: Date | null;
  resolvedAt: Date | null;
}): ConversationState {
  return {
    id: c.id,
    status: c.status,
    openCustomerId: c.openCustomerId,
    snoozedUntil: iso(c.snoozedUntil),
    resolvedAt: iso(c.resolvedAt),
  };
}

async function lockCustomers(tx: Tx, ids: string[]) {
  // Sorted, so two merges touching the same pair lock in the same order. NO KEY UPDATE
  // for the reason given in app/commerce/customer-stats.server.ts.
  const sorted = [...ids].sort();
  await tx.$queryRaw`SELECT "id" FROM "Customer" WHERE "id" IN (${Prisma.join(sorted)}) ORDER BY "id" FOR NO KEY UPDATE`;
}

async function idsOf(rows: Promise<Array<{ id: string }>>): Promise<string[]> {
  return (await rows).map((r) => r.id);
}

// ---------------------------------------------------------------------------
// Merge

export interface MergeResult {
  mergeId: string;
  snapshot: MergeSnapshot;
}

export async function mergeCustomers(
  shopId: string,
  survivorId: string,
  mergedId: string,
  staff: StaffRef,
  now: Date = new Date(),
): Promise<MergeResult> {
  // Read before the transaction: the labels' own queries run outside it.
  const before = await db().customer.findMany({
    where: { shopId, id: { in: [survivorId, mergedId] } },
    select: customerLabelSelect,
  });
  const labels = await customerLabels(shopId, before);
  return inRetryingTransaction(async (tx) => {
    await requireCustomers(tx, shopId, survivorId, mergedId);
    if (survivorId !== mergedId) await lockCustomers(tx, [survivorId, mergedId]);
    // Re-read under the lock.
    const { survivor, merged } = await requireCustomers(tx, shopId, survivorId, mergedId);
    const reason = refusal(survivor, merged);
    if (reason) throw new MergeRefusedError(reason);

    const whereMerged = { shopId, customerId: mergedId };

    // Conversations, keeping at most one open per customer.
    const conversations = await tx.conversation.findMany({
      where: whereMerged,
      select: {
        id: true,
        status: true,
        openCustomerId: true,
        snoozedUntil: true,
        resolvedAt: true,
        unreadCount: true,
        lastActivityAt: true,
        lastInboundAt: true,
        lastInboundChannel: true,
        lastMessagePreview: true,
      },
    });
    const survivorOpen = await tx.conversation.findFirst({ where: { shopId, openCustomerId: survivorId } });
    const mergedOpen = conversations.find((c) => c.openCustomerId === mergedId) ?? null;
    let collision: MergeSnapshot["collision"] = null;
    if (survivorOpen && mergedOpen) {
      const messageIds = await idsOf(
        tx.message.findMany({ where: { shopId, conversationId: mergedOpen.id }, select: { id: true } }),
      );
      await tx.message.updateMany({ where: { id: { in: messageIds } }, data: { conversationId: survivorOpen.id } });
      const newer = mergedOpen.lastActivityAt > survivorOpen.lastActivityAt;
      const newerInbound =
        mergedOpen.lastInboundAt !== null &&
        (survivorOpen.lastInboundAt === null || mergedOpen.lastInboundAt > survivorOpen.lastInboundAt);
      const after = await tx.conversation.update({
        where: { id: survivorOpen.id },
        data: {
          unreadCount: { increment: mergedOpen.unreadCount },
          ...(newer
            ? { lastActivityAt: mergedOpen.lastActivityAt, lastMessagePreview: mergedOpen.lastMessagePreview }
            : {}),
          ...(newerInbound
            ? { lastInboundAt: mergedOpen.lastInboundAt, lastInboundChannel: mergedOpen.lastInboundChannel }
            : {}),
        },
      });
      await tx.conversation.update({
        where: { id: mergedOpen.id },
        data: {
          status: "RESOLVED",
          openCustomerId: null,
          snoozedUntil: null,
          resolvedAt: now,
          unreadCount: 0,
          ...CLEARED_SLA_TIMERS,
        },
      });
      // The survivor now holds both threads' messages: its SLA timers follow them (app/sla/).
      await refreshSlaTimers(tx, survivorOpen.id);
      collision = {
        survivorConversationId: survivorOpen.id,
        mergedConversationId: mergedOpen.id,
        messageIds,
        survivorConversationBefore: {
          unreadCount: survivorOpen.unreadCount,
          lastActivityAt: survivorOpen.lastActivityAt.toISOString(),
          lastInboundAt: iso(survivorOpen.lastInboundAt),
          lastInboundChannel: survivorOpen.lastInboundChannel,
          lastMessagePreview: survivorOpen.lastMessagePreview,
        },
        survivorConversationAfter: { lastActivityAt: after.lastActivityAt.toISOString() },
        mergedConversationUnread: mergedOpen.unreadCount,
      };
    } else if (mergedOpen) {
      // The survivor has none open: the merged customer's open conversation becomes its open one.
      await tx.conversation.update({ where: { id: mergedOpen.id }, data: { openCustomerId: survivorId } });
    }
    await tx.conversation.updateMany({ where: whereMerged, data: { customerId: survivorId } });

    // Rows that simply change owner.
    const messageIds = await idsOf(tx.message.findMany({ where: whereMerged, select: { id: true } }));
    await tx.message.updateMany({ where: { id: { in: messageIds } }, data: { customerId: survivorId } });
    const timelineEventIds = await idsOf(tx.timelineEvent.findMany({ where: whereMerged, select: { id: true } }));
    await tx.timelineEvent.updateMany({ where: { id: { in: timelineEventIds } }, data: { customerId: survivorId } });
    const identityIds = await idsOf(tx.customerIdentity.findMany({ where: whereMerged, select: { id: true } }));
    await tx.customerIdentity.updateMany({ where: { id: { in: identityIds } }, data: { customerId: survivorId } });
    const orderIds = await idsOf(tx.order.findMany({ where: whereMerged, select: { id: true } }));
    await tx.order.updateMany({ where: { id: { in: orderIds } }, data: { customerId: survivorId } });
    const checkoutIds = await idsOf(tx.checkout.findMany({ where: whereMerged, select: { id: true } }));
    await tx.checkout.updateMany({ where: { id: { in: checkoutIds } }, data: { customerId: survivorId } });
    const flowRunIds = await idsOf(tx.flowRun.findMany({ where: whereMerged, select: { id: true } }));
    await tx.flowRun.updateMany({ where: { id: { in: flowRunIds } }, data: { customerId: survivorId } });

    // Consent: the most restrictive state wins.
    const mergedConsents = await tx.consent.findMany({ where: whereMerged });
    const survivorConsents = await tx.consent.findMany({ where: { shopId, customerId: survivorId } });
    const movedIds: string[] = [];
    const survivorChanged: MergeSnapshot["consent"]["survivorChanged"] = [];
    for (const m of mergedConsents) {
      const s = survivorConsents.find((c) => consentKey(c) === consentKey(m));
      if (!s) {
        await tx.consent.update({ where: { id: m.id }, data: { customerId: survivorId } });
        movedIds.push(m.id);
        continue;
      }
      // The merged customer's own row stays with it (a merged customer is never messaged):
      // undo then finds it untouched.
      if (s.state === "GRANTED" && m.state === "REVOKED") {
        await tx.consent.update({
          where: { id: s.id },
          data: { state: "REVOKED", source: "MERGE", occurredAt: now },
        });
        survivorChanged.push({ ...consentRow(s), mergeOccurredAt: now.toISOString() });
      }
    }

    // Customer fields: fill the survivor's gaps; move a Shopify id the survivor lacks.
    const filled: Prisma.CustomerUpdateInput = {};
    const filledFields: string[] = [];
    for (const field of FILLABLE) {
      if (!survivor[field] && merged[field]) {
        filled[field] = merged[field];
        filledFields.push(field);
      }
    }
    const movedShopifyCustomerId = survivor.shopifyCustomerId === null ? merged.shopifyCustomerId : null;
    await tx.customer.update({
      where: { id: mergedId },
      data: { mergedIntoId: survivorId, ...(movedShopifyCustomerId !== null ? { shopifyCustomerId: null } : {}) },
    });
    await tx.customer.update({
      where: { id: survivorId },
      data: { ...filled, ...(movedShopifyCustomerId !== null ? { shopifyCustomerId: movedShopifyCustomerId } : {}) },
    });
    await refreshCustomerStats(tx, survivorId);

    const names = {
      survivor: labels.get(survivorId) ?? customerDisplayName(survivor),
      merged: labels.get(mergedId) ?? customerDisplayName(merged),
    };
    const snapshot: MergeSnapshot = {
      version: 1,
      survivorId,
      mergedId,
      names,
      conversations: conversations.map(conversationState),
      collision,
      messageIds,
      timelineEventIds,
      identityIds,
      orderIds,
      checkoutIds,
      flowRunIds,
      consent: { mergedOriginal: mergedConsents.map(consentRow), movedIds, survivorChanged },
      customer: {
        filledFields,
        movedShopifyCustomerId: movedShopifyCustomerId?.toString() ?? null,
        survivorStats: { ordersCount: survivor.ordersCount, totalSpent: survivor.totalSpent.toString() },
      },
    };
    const record = await tx.customerMerge.create({
      data: {
        shopId,
        survivorId,
        mergedId,
        snapshot: snapshot as unknown as Prisma.InputJsonValue,
        staffName: staff.name,
      },
    });

    const mergedName = names.merged;
    for (const change of survivorChanged) {
      await recordTimelineEvent(tx, {
        shopId,
        customerId: survivorId,
        type: "CONSENT_CHANGED",
        occurredAt: now,
        dedupeKey: `merge:${record.id}:consent:${change.channel}:${change.purpose}`,
        title: `${CHANNEL_LABEL[change.channel] ?? change.channel} ${change.purpose.toLowerCase()} consent revoked by merge`,
        data: {
          channel: change.channel,
          purpose: change.purpose,
          state: "REVOKED",
          previousState: change.state,
          source: "MERGE",
          mergeId: record.id,
        },
      });
    }
    await recordTimelineEvent(tx, {
      shopId,
      customerId: survivorId,
      type: "CUSTOMER_MERGED",
      occurredAt: now,
      dedupeKey: `merge:${record.id}`,
      title: `Merged ${mergedName} into ${names.survivor}`,
      data: {
        mergeId: record.id,
        mergedId,
        mergedName,
        survivorName: names.survivor,
        staffId: staff.id,
        staffName: staff.name,
        moved: {
          conversations: conversations.length,
          messages: messageIds.length,
          orders: orderIds.length,
          checkouts: checkoutIds.length,
          timelineEvents: timelineEventIds.length,
          identities: identityIds.length,
          consents: mergedConsents.length,
          flowRuns: flowRunIds.length,
        },
        conversationJoined: collision ? collision.survivorConversationId : null,
      },
    });
    return { mergeId: record.id, snapshot };
  });
}

function consentRow(c: {
  id: string;
  channel: Channel;
  purpose: ConsentPurpose;
  state: ConsentState;
  source: ConsentSource;
  occurredAt: Date;
}): ConsentRowSnapshot {
  return {
    id: c.id,
    channel: c.channel,
    purpose: c.purpose,
    state: c.state,
    source: c.source,
    occurredAt: c.occurredAt.toISOString(),
  };
}

// ---------------------------------------------------------------------------
// Undo

export async function undoMerge(shopId: string, mergeId: string, staff: StaffRef, now: Date = new Date()) {
  return inRetryingTransaction(async (tx) => {
    const record = await tx.customerMerge.findFirst({ where: { id: mergeId, shopId } });
    if (!record) notFound();
    const { survivorId, mergedId } = record;
    await lockCustomers(tx, [survivorId, mergedId]);
    // Re-read under the lock: a concurrent undo must see undoneAt.
    const fresh = await tx.customerMerge.findUniqueOrThrow({ where: { id: record.id } });
    if (fresh.undoneAt) throw new MergeRefusedError("This merge was already undone.");
    const { survivor, merged } = await requireCustomers(tx, shopId, survivorId, mergedId);
    if (merged.mergedIntoId !== survivorId) {
      throw new MergeRefusedError("The merged customer no longer points at the survivor; this merge cannot be undone.");
    }
    if (survivor.mergedIntoId) {
      throw new MergeRefusedError("The surviving customer was itself merged since; undo that merge first.");
    }
    const snap = fresh.snapshot as unknown as MergeSnapshot;
    if (snap?.version !== 1) throw new MergeRefusedError("This merge has no undo record.");

    const onSurvivor = (ids: string[]) => ({ id: { in: ids }, shopId, customerId: survivorId });

    // Customer fields first: the Shopify id goes back before anything else can claim it.
    const restoreSurvivor: Prisma.CustomerUpdateInput = {};
    for (const field of snap.customer.filledFields) {
      const key = field as (typeof FILLABLE)[number];
      if (sameValue(survivor[key], merged[key])) restoreSurvivor[key] = null;
    }
    const shopifyId = snap.customer.movedShopifyCustomerId ? BigInt(snap.customer.movedShopifyCustomerId) : null;
    const returnShopifyId = shopifyId !== null && survivor.shopifyCustomerId === shopifyId;
    await tx.customer.update({
      where: { id: survivorId },
      data: {
        ...restoreSurvivor,
        ...(returnShopifyId ? { shopifyCustomerId: null } : {}),
        ordersCount: snap.customer.survivorStats.ordersCount,
        totalSpent: snap.customer.survivorStats.totalSpent,
      },
    });
    await tx.customer.update({
      where: { id: mergedId },
      data: { mergedIntoId: null, ...(returnShopifyId ? { shopifyCustomerId: shopifyId } : {}) },
    });

    // Plain ownership moves back.
    await tx.message.updateMany({ where: onSurvivor(snap.messageIds), data: { customerId: mergedId } });
    await tx.timelineEvent.updateMany({ where: onSurvivor(snap.timelineEventIds), data: { customerId: mergedId } });
    await tx.customerIdentity.updateMany({ where: onSurvivor(snap.identityIds), data: { customerId: mergedId } });
    await tx.order.updateMany({ where: onSurvivor(snap.orderIds), data: { customerId: mergedId } });
    await tx.checkout.updateMany({ where: onSurvivor(snap.checkoutIds), data: { customerId: mergedId } });
    await tx.flowRun.updateMany({ where: onSurvivor(snap.flowRunIds), data: { customerId: mergedId } });

    // Conversations: back to the merged customer in the state they had, except that one
    // that staff resolved since stays resolved.
    for (const before of snap.conversations) {
      const current = await tx.conversation.findFirst({ where: { id: before.id, shopId, customerId: survivorId } });
      if (!current) continue;
      const collided = snap.collision?.mergedConversationId === before.id;
      const reopen = before.openCustomerId === mergedId && (collided || current.openCustomerId !== null);
      await tx.conversation.update({
        where: { id: before.id },
        data: {
          customerId: mergedId,
          openCustomerId: reopen ? mergedId : null,
          ...(collided || !reopen
            ? {
                status: reopen ? before.status : "RESOLVED",
                snoozedUntil: reopen && before.snoozedUntil ? new Date(before.snoozedUntil) : null,
                resolvedAt: reopen ? null : (current.resolvedAt ?? now),
              }
            : {}),
          ...(collided ? { unreadCount: snap.collision!.mergedConversationUnread } : {}),
        },
      });
    }
    if (snap.collision) {
      const c = snap.collision;
      await tx.message.updateMany({
        where: { id: { in: c.messageIds }, shopId, conversationId: c.survivorConversationId },
        data: { conversationId: c.mergedConversationId },
      });
      const survivorConversation = await tx.conversation.findFirst({ where: { id: c.survivorConversationId, shopId } });
      if (survivorConversation) {
        const untouched =
          survivorConversation.lastActivityAt.toISOString() === c.survivorConversationAfter.lastActivityAt;
        await tx.conversation.update({
          where: { id: survivorConversation.id },
          data: {
            unreadCount: Math.max(0, survivorConversation.unreadCount - c.mergedConversationUnread),
            ...(untouched
              ? {
                  lastActivityAt: new Date(c.survivorConversationBefore.lastActivityAt),
                  lastMessagePreview: c.survivorConversationBefore.lastMessagePreview,
                  lastInboundAt: c.survivorConversationBefore.lastInboundAt
                    ? new Date(c.survivorConversationBefore.lastInboundAt)
                    : null,
                  lastInboundChannel: c.survivorConversationBefore.lastInboundChannel,
                }
              : {}),
          },
        });
      }
    }

    // Consent: rows that moved go back; the merged customer's rows that stayed get their values back;
    // survivor rows the merge made stricter are restored unless something changed them since.
    // A moved row that changed since the merge (say a STOP keyword) was news about the survivor
    // too: the survivor keeps a copy of its current state.
    const moved = await tx.consent.findMany({
      where: { id: { in: snap.consent.movedIds }, shopId, customerId: survivorId },
    });
    for (const row of moved) {
      const original = snap.consent.mergedOriginal.find((o) => o.id === row.id);
      const changedSince =
        !original || original.state !== row.state || original.occurredAt !== row.occurredAt.toISOString();
      await tx.consent.update({ where: { id: row.id }, data: { customerId: mergedId } });
      if (changedSince) {
        await tx.consent.create({
          data: {
            shopId,
            customerId: survivorId,
            channel: row.channel,
            purpose: row.purpose,
            state: row.state,
            source: row.source,
            occurredAt: row.occurredAt,
          },
        });
      }
    }
    for (const original of snap.consent.mergedOriginal) {
      if (snap.consent.movedIds.includes(original.id)) continue;
      const key = { customerId: mergedId, channel: original.channel, purpose: original.purpose };
      const values = { state: original.state, source: original.source, occurredAt: new Date(original.occurredAt) };
      await tx.consent.upsert({
        where: { customerId_channel_purpose: key },
        create: { ...key, ...values, shopId },
        update: values,
      });
    }
    for (const changed of snap.consent.survivorChanged) {
      const current = await tx.consent.findFirst({ where: { id: changed.id, shopId, customerId: survivorId } });
      if (
        current &&
        current.source === "MERGE" &&
        current.state === "REVOKED" &&
        current.occurredAt.toISOString() === changed.mergeOccurredAt
      ) {
        await tx.consent.update({
          where: { id: current.id },
          data: { state: changed.state, source: changed.source, occurredAt: new Date(changed.occurredAt) },
        });
        await recordTimelineEvent(tx, {
          shopId,
          customerId: survivorId,
          type: "CONSENT_CHANGED",
          occurredAt: now,
          dedupeKey: `unmerge:${record.id}:consent:${changed.channel}:${changed.purpose}`,
          title: `${CHANNEL_LABEL[changed.channel] ?? changed.channel} ${changed.purpose.toLowerCase()} consent restored by undoing a merge`,
          data: {
            channel: changed.channel,
            purpose: changed.purpose,
            state: changed.state,
            previousState: "REVOKED",
            source: "MERGE",
            mergeId: record.id,
          },
        });
      }
    }

    await refreshCustomerStats(tx, survivorId);
    await refreshCustomerStats(tx, mergedId);
    await tx.customerMerge.update({ where: { id: record.id }, data: { undoneAt: now } });

    const mergedName = snap.names?.merged ?? customerDisplayName(merged);
    const survivorName = snap.names?.survivor ?? customerDisplayName(survivor);
    const data = { mergeId: record.id, survivorId, mergedId, staffId: staff.id, staffName: staff.name };
    await recordTimelineEvent(tx, {
      shopId,
      customerId: survivorId,
      type: "CUSTOMER_UNMERGED",
      occurredAt: now,
      dedupeKey: `unmerge:${record.id}`,
      title: `Undid the merge of ${mergedName}`,
      data,
    });
    await recordTimelineEvent(tx, {
      shopId,
      customerId: mergedId,
      type: "CUSTOMER_UNMERGED",
      occurredAt: now,
      dedupeKey: `unmerge:${record.id}:merged`,
      title: `Separated again from ${survivorName}`,
      data,
    });
    return { mergeId: record.id, survivorId, mergedId };
  });
}

// ---------------------------------------------------------------------------
// History, for the customer page

export async function listMerges(shopId: string, customerId: string) {
  const rows = await db().customerMerge.findMany({
    where: { shopId, OR: [{ survivorId: customerId }, { mergedId: customerId }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
    select: {
      id: true,
      survivorId: true,
      mergedId: true,
      staffName: true,
      createdAt: true,
      undoneAt: true,
      snapshot: true,
    },
  });
  const ids = [...new Set(rows.flatMap((r) => [r.survivorId, r.mergedId]))];
  const customers = await db().customer.findMany({ where: { shopId, id: { in: ids } }, select: customerLabelSelect });
  const labels = await customerLabels(shopId, customers);
  const name = (id: string) => labels.get(id) ?? "Unknown customer";
  // The names as they were when the merge happened: a merge may fill the survivor's name from
  // the merged customer, and "Merged Jane into Jane" says nothing.
  return rows.map(({ snapshot, ...r }) => ({
    ...r,
    survivorName: (snapshot as MergeSnapshot | null)?.names?.survivor ?? name(r.survivorId),
    mergedName: (snapshot as MergeSnapshot | null)?.names?.merged ?? name(r.mergedId),
    // Only the newest live merge of a pair can be undone from here; undoMerge re-checks.
    canUndo: r.undoneAt === null && r.survivorId === customerId,
  }));
}

/** What a merge did, for the banner after it: null unless it is this shop's merge into `survivorId`. */
export async function mergeOutcome(shopId: string, mergeId: string, survivorId: string) {
  const record = await db().customerMerge.findFirst({
    where: { id: mergeId, shopId, survivorId },
    select: { mergedId: true, snapshot: true },
  });
  if (!record) return null;
  const names = (record.snapshot as MergeSnapshot | null)?.names;
  if (!names) return null;
  return { mergedId: record.mergedId, mergedName: names.merged, survivorName: names.survivor };
}
