// The conversation each automated message of a batch is claimed into: the customer's open one, else
// their latest, else a new RESOLVED one (never an inbox thread). A new conversation is written once,
// already carrying the claimed message's activity and preview, so only the ones found are touched.
import { timeOrderedId } from "../lib/time-ordered-id";
import * as sql from "../generated/prisma/sql";
import type { Tx } from "../commerce/transaction.server";
import { newCaseInsensitiveToken } from "../lib/secret-token.server";

export interface AutomatedMessageTarget {
  customerId: string;
  shopId: string;
  body: string;
}

export interface AutomatedConversations {
  byCustomer: Map<string, { id: string; replyToken: string }>;
  /** Conversations created by this call (their activity is already the claimed message's). */
  created: Set<string>;
}

export const previewOf = (body: string) => body.slice(0, 200);

export async function automatedConversationsFor(
  tx: Tx,
  targets: AutomatedMessageTarget[],
  now: Date,
): Promise<AutomatedConversations> {
  // The latest target of a customer is the one whose preview a new conversation shows.
  const lastTarget = new Map(targets.map((t) => [t.customerId, t]));
  const found = await tx.$queryRawTyped(sql.latestConversationsOfCustomers([...lastTarget.keys()]));
  const byCustomer = new Map<string, { id: string; replyToken: string }>(found.map((c) => [c.customerId, c]));
  const created = [...lastTarget.values()]
    .filter((t) => !byCustomer.has(t.customerId))
    .map((t) => ({
      id: timeOrderedId(),
      customerId: t.customerId,
      shopId: t.shopId,
      replyToken: newCaseInsensitiveToken(),
      preview: previewOf(t.body),
    }));
  if (created.length > 0) {
    await tx.$queryRawTyped(sql.insertAutomatedConversations(JSON.stringify(created), now));
    for (const c of created) byCustomer.set(c.customerId, c);
  }
  return { byCustomer, created: new Set(created.map((c) => c.id)) };
}

/** Sets the last activity and preview of the conversations found (not created) for the claimed messages. */
export async function touchFoundConversations(
  tx: Tx,
  conversations: AutomatedConversations,
  claimed: { conversationId: string; body: string }[],
  now: Date,
): Promise<void> {
  // The latest message of each conversation sets its last activity (as each claim would in turn).
  const activity = [...new Map(claimed.map((m) => [m.conversationId, m])).values()]
    .filter((m) => !conversations.created.has(m.conversationId))
    .map((m) => ({ id: m.conversationId, preview: previewOf(m.body) }));
  if (activity.length > 0) await tx.$queryRawTyped(sql.touchBatchConversations(JSON.stringify(activity), now));
}
