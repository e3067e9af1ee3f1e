// Browse abandonment's pure rules (no database): the windows a sweep looks at, a candidate's
// trigger key and run context, and which stop reason wins when several hold.
import type { RunContext } from "../flow-runs/flow-config.server";
import type { LifecycleSettings } from "../flows/lifecycle/settings";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * A customer is enrolled only once their latest view is this old: a browsing session is taken to
 * be over after 30 minutes without a product view (the usual web-analytics session timeout), so
 * the run is about the last product they looked at, not the first of a visit still going on.
 */
export const BROWSE_SESSION_GAP_MINUTES = 30;

/** The run context keeps at most this many viewed products (most recent first). */
export const BROWSE_MAX_VIEWED_PRODUCTS = 3;

/**
 * A browser counts as the customer's when a checkout_completed from it, tied to them, was stored
 * within this window of an order of theirs that Shopify's webhook reported (see
 * browse-trusted-views.server.ts): from 15 minutes before the order's time to 60 minutes after.
 */
export const PROVEN_CHECKOUT_BEFORE_ORDER_MINUTES = 15;
export const PROVEN_CHECKOUT_AFTER_ORDER_MINUTES = 60;

export type BrowseSettings = LifecycleSettings["BROWSE_ABANDONMENT"];

export interface BrowseWindow {
  /** Views before this are too old to act on (browseLookbackHours). */
  viewedSince: Date;
  /** A latest view after this may belong to a visit still going on. */
  viewedBefore: Date;
  /**
   * A browse reminder sent after this blocks a new run (browseCooldownDays: "at most one browse
   * reminder every N days"); a run that ended before sending anything (the customer carted) does not.
   */
  cooldownSince: Date;
}

export function browseWindow(settings: BrowseSettings, now: Date): BrowseWindow {
  return {
    viewedSince: new Date(now.getTime() - settings.browseLookbackHours * HOUR_MS),
    viewedBefore: new Date(now.getTime() - BROWSE_SESSION_GAP_MINUTES * MINUTE_MS),
    cooldownSince: new Date(now.getTime() - settings.browseCooldownDays * DAY_MS),
  };
}

/** One run per latest view: the same view never starts a second run, a later view may (after the cooldown). */
export function browseTriggerKey(customerId: string, viewEventId: string): string {
  return `browse:${customerId}:${viewEventId}`;
}

export function browseRunContext(viewedAt: Date, productIds: string[]): RunContext {
  return { viewedAt: viewedAt.toISOString(), viewedProductIds: productIds.slice(0, BROWSE_MAX_VIEWED_PRODUCTS) };
}

/** What the stop rules found since the view (and the run's start). */
export interface BrowseStopFacts {
  cartRecoveryActive: boolean;
  orderName: string | null;
  ordered: boolean;
  carted: boolean;
  replied: boolean;
}

/**
 * The reason that ends the run, or null. An order is the strongest fact (they bought), then a cart
 * (cart recovery's business from here), then an active cart recovery (it takes precedence: one
 * marketing conversation at a time), then a reply (a person is talking to them now).
 */
export function browseStopReason(facts: BrowseStopFacts): string | null {
  if (facts.ordered)
    return facts.orderName
      ? `the customer ordered (${facts.orderName}) after browsing`
      : "the customer ordered after browsing";
  if (facts.carted) return "the customer added to cart after browsing";
  if (facts.cartRecoveryActive) return "a cart recovery is under way for the customer";
  if (facts.replied) return "the customer wrote to the shop after browsing";
  return null;
}

/** The run's view time: the context's, else (a run made by hand or before this field) its start. */
export function viewedAtOf(context: RunContext, startedAt: Date): Date {
  const parsed = context.viewedAt ? new Date(context.viewedAt) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : startedAt;
}

/** The run's viewed product ids, only well-formed Shopify ids, in order. */
export function viewedProductIdsOf(context: RunContext): bigint[] {
  const ids = Array.isArray(context.viewedProductIds) ? context.viewedProductIds : [];
  return ids.filter((id): id is string => typeof id === "string" && /^\d{1,19}$/.test(id)).map(BigInt);
}
