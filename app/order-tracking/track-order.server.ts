// "Where is my order", answered live (issue 12, decision 0034). Called by the auto-answer job when
// a message may be sent: for a tracking question, or for the customer's reply after we asked for
// their order details in this cycle. A customer known through their channel identity (our
// Customer row carries a Shopify customer id) hears about their own latest order, or the one they
// named when it is theirs. Anyone else is asked once for the order number and the email or
// postcode used for the order, and hears nothing about an order until both match it; three
// failed checks, or no details after the question, go to a person. Admin API failures hand off.
import { db } from "../db/client.server";
import type { AnswerDecision, KnowledgeLocale } from "../knowledge/contracts";
import { applyBrandVoice } from "../knowledge/brand-voice.server";
import { logger } from "../lib/logger.server";
import {
  fetchCustomerOrders,
  fetchOrderById,
  fetchOrderByNumber,
  type LiveOrder,
} from "../shopify/tracked-orders.server";
import { belongsToCustomer, detailsMatch, replyLocale } from "./order-checks";
import { extractOrderReference, isCompleteReference, type OrderReference } from "./order-reference";
import { orderStatusText } from "./order-status-text";
import { askedState, lookupStateOf, MAX_FAILED_CHECKS, verifiedState, withFailedCheck } from "./lookup-state";
import { updateLookupState } from "./lookup-state.server";
import { askForOrderDetailsText, orderNotFoundText } from "./tracking-texts";

const log = logger.child({ module: "order-tracking" });

/** An Admin API read that failed (no token, errors after retries): a person answers instead. */
class LiveReadFailed extends Error {}

async function live<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (err) {
    throw new LiveReadFailed("Admin API read failed", { cause: err });
  }
}

export type OrderReplyOutcome = "order_status" | "order_question" | "order_not_verified";
export type OrderHandoffOutcome = "order_not_verified" | "order_lookup_failed";

export type OrderTrackingResult =
  | {
      kind: "reply";
      /** Brand voice applied. */
      text: string;
      locale: KnowledgeLocale;
      outcome: OrderReplyOutcome;
      /** Shopify's order id when the reply is about an order. */
      orderId?: string;
    }
  | { kind: "handoff"; locale: KnowledgeLocale; outcome: OrderHandoffOutcome; explanation: string };

export interface TrackOrderInput {
  shopId: string;
  conversationId: string;
  customerId: string;
  inboundMessageId: string;
  text: string;
  decision: AnswerDecision;
}

/** Mandatory topics, VIPs and merchant topics were decided before this and win. */
function mayTrack(decision: AnswerDecision, asked: boolean, ref: OrderReference): boolean {
  if (decision.kind === "handoff" && decision.reason !== "low_confidence") return false;
  if (decision.kind === "order_tracking") return true;
  return asked && (ref.orderNumber !== null || ref.email !== null || ref.postcode !== null);
}

/** null: not an order tracking turn; the usual answer or hand-off applies. */
export async function trackOrder(input: TrackOrderInput): Promise<OrderTrackingResult | null> {
  const [conversation, shop, customer] = await Promise.all([
    db().conversation.findFirst({
      where: { id: input.conversationId, shopId: input.shopId },
      select: { lastResolvedAt: true, orderLookup: true },
    }),
    db().shop.findUnique({ where: { id: input.shopId }, select: { domain: true, ianaTimezone: true } }),
    db().customer.findFirst({
      where: { id: input.customerId, shopId: input.shopId },
      select: { shopifyCustomerId: true },
    }),
  ]);
  if (!conversation || !shop) return null;
  const cycleStart = conversation.lastResolvedAt;
  const state = lookupStateOf(conversation.orderLookup, cycleStart);
  const ref = extractOrderReference(input.text);
  if (!mayTrack(input.decision, state?.state === "asked", ref)) return null;

  const locale = replyLocale(input.text, input.decision.locale, state);
  const reply = async (text: string, outcome: OrderReplyOutcome, orderId?: string): Promise<OrderTrackingResult> => ({
    kind: "reply",
    text: await applyBrandVoice(input.shopId, text, locale),
    locale,
    outcome,
    ...(orderId ? { orderId } : {}),
  });
  const status = (order: LiveOrder) =>
    reply(orderStatusText(order, locale, shop.ianaTimezone), "order_status", order.id);

  try {
    const shopifyCustomerId = customer?.shopifyCustomerId ?? null;
    if (shopifyCustomerId !== null) {
      const own = ref.orderNumber
        ? await live(fetchOrderByNumber(shop.domain, ref.orderNumber))
        : ((await live(fetchCustomerOrders(shop.domain, shopifyCustomerId, 1)))[0] ?? null);
      if (own && belongsToCustomer(own, shopifyCustomerId)) return await status(own);
    }

    if (state?.state === "verified" && state.verifiedOrderId && !ref.orderNumber) {
      const verified = await live(fetchOrderById(shop.domain, state.verifiedOrderId));
      if (verified) return await status(verified);
    }

    if (isCompleteReference(ref)) {
      const order = await live(fetchOrderByNumber(shop.domain, ref.orderNumber!));
      if (order && detailsMatch(order, ref)) {
        await updateLookupState(input.conversationId, cycleStart, (s) =>
          verifiedState(s, cycleStart, order.id, locale),
        );
        return await status(order);
      }
      return await failedCheck(input, cycleStart, locale, reply);
    }

    const askedThisMessage = state?.state === "asked" && state.askedMessageId === input.inboundMessageId;
    if ((state?.state === "asked" && !askedThisMessage) || state?.state === "handed_off") {
      // Half the details count as a failed check; none at all, after the one question, is a person's job.
      if (ref.orderNumber || ref.email || ref.postcode) return await failedCheck(input, cycleStart, locale, reply);
      return {
        kind: "handoff",
        locale,
        outcome: "order_not_verified",
        explanation: "order tracking: no order details after the question",
      };
    }

    await updateLookupState(input.conversationId, cycleStart, (s) =>
      // A retried job keeps the first question's state (and its failure count).
      s?.askedMessageId === input.inboundMessageId
        ? s
        : askedState(cycleStart, new Date(), locale, input.inboundMessageId),
    );
    return await reply(askForOrderDetailsText(locale), "order_question");
  } catch (err) {
    // Anything else (the database) fails the job, which retries.
    if (!(err instanceof LiveReadFailed)) throw err;
    log.warn({ err: err.cause, shopId: input.shopId, inboundMessageId: input.inboundMessageId }, "order lookup failed");
    return { kind: "handoff", locale, outcome: "order_lookup_failed", explanation: "order lookup failed" };
  }
}

async function failedCheck(
  input: TrackOrderInput,
  cycleStart: Date | null,
  locale: KnowledgeLocale,
  reply: (text: string, outcome: OrderReplyOutcome) => Promise<OrderTrackingResult>,
): Promise<OrderTrackingResult> {
  const next = await updateLookupState(input.conversationId, cycleStart, (s) =>
    withFailedCheck(s, cycleStart, input.inboundMessageId, locale),
  );
  if (next.failedChecks >= MAX_FAILED_CHECKS) {
    return {
      kind: "handoff",
      locale,
      outcome: "order_not_verified",
      explanation: `order tracking: order details did not match ${MAX_FAILED_CHECKS} times`,
    };
  }
  return reply(orderNotFoundText(locale), "order_not_verified");
}
