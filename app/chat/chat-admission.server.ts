// Whether a storefront chat message may be stored, before anything is written: the caller must hold
// the visitor's secret, and the message must fit the flood limits. A per-visitor limit alone is
// reset by inventing visitor ids, so a message from a visitor id that has no identity yet (it
// would create a customer and a conversation) also takes counters that no id can reset:
//   - per shop, for new anonymous visitors: CHAT_NEW_CHATS_PER_SHOP_PER_MINUTE / _PER_HOUR;
//   - per client address (when Shopify's app proxy reported one), for any new visitor;
// and every message takes a per-address counter beside the per-visitor one.
import { chatSettings } from "./chat-settings.server";
import { db } from "../db/client.server";
import type { ProxyCaller } from "./proxy-auth.server";
import { takeSlots, type RateCounter } from "./rate-limit.server";
import { checkVisitorSecret, type VisitorSecretProblem } from "./visitor-secret.server";

export const CHAT_MESSAGES_PER_MINUTE = 10;
export const CHAT_MESSAGES_PER_ADDRESS_PER_MINUTE = 60;
export const NEW_CHATS_PER_ADDRESS_PER_MINUTE = 5;
export const NEW_CHATS_PER_ADDRESS_PER_HOUR = 30;

const MINUTE = 60;
const HOUR = 3600;

export type Admission =
  | { ok: true }
  | { ok: false; reason: "secret"; problem: VisitorSecretProblem }
  /** `visitor`: this visitor writes too fast; `busy`: too many new chats (shop-wide or from this address). */
  | { ok: false; reason: "rate"; scope: "visitor" | "busy"; counter: string };

function countersFor(caller: ProxyCaller, visitorId: string, isNew: boolean): RateCounter[] {
  const { shopId, clientAddress } = caller;
  const counters: RateCounter[] = [
    { key: `visitor:${shopId}:${visitorId}`, limit: CHAT_MESSAGES_PER_MINUTE, windowSeconds: MINUTE },
  ];
  if (clientAddress)
    counters.push({
      key: `address:${shopId}:${clientAddress}`,
      limit: CHAT_MESSAGES_PER_ADDRESS_PER_MINUTE,
      windowSeconds: MINUTE,
    });
  if (!isNew) return counters;
  if (clientAddress)
    counters.push(
      {
        key: `new:address:${shopId}:${clientAddress}:m`,
        limit: NEW_CHATS_PER_ADDRESS_PER_MINUTE,
        windowSeconds: MINUTE,
      },
      { key: `new:address:${shopId}:${clientAddress}:h`, limit: NEW_CHATS_PER_ADDRESS_PER_HOUR, windowSeconds: HOUR },
    );
  // A signed-in shopper's new visitor id joins their existing customer record: only anonymous
  // ones can multiply customers and conversations.
  if (caller.shopifyCustomerId == null)
    counters.push(
      { key: `new:shop:${shopId}:m`, limit: chatSettings().CHAT_NEW_CHATS_PER_SHOP_PER_MINUTE, windowSeconds: MINUTE },
      { key: `new:shop:${shopId}:h`, limit: chatSettings().CHAT_NEW_CHATS_PER_SHOP_PER_HOUR, windowSeconds: HOUR },
    );
  return counters;
}

export async function admitChatMessage(
  caller: ProxyCaller,
  visitor: { visitorId: string; secret?: string },
): Promise<Admission> {
  const check = await checkVisitorSecret(db(), caller.shopId, visitor.visitorId, visitor.secret);
  if (check === "missing" || check === "mismatch") return { ok: false, reason: "secret", problem: check };
  const over = await takeSlots(countersFor(caller, visitor.visitorId, check === "new"));
  if (!over) return { ok: true };
  // The counter's kind for the log line ("new:shop", "address", …), without the address itself.
  const counter = over.key.slice(0, over.key.indexOf(`:${caller.shopId}`));
  return { ok: false, reason: "rate", scope: over.key.startsWith("visitor:") ? "visitor" : "busy", counter };
}
