// The storefront chat's own environment settings (README's Environment table lists them), parsed
// once like app/config.server.ts and kept beside the code that reads them.
import { z } from "zod";

const schema = z.object({
  /** New anonymous chats a shop accepts per minute and per hour (chat-admission.server.ts). */
  CHAT_NEW_CHATS_PER_SHOP_PER_MINUTE: z.coerce.number().int().positive().default(20),
  CHAT_NEW_CHATS_PER_SHOP_PER_HOUR: z.coerce.number().int().positive().default(200),
  /**
   * Unset: the leftmost X-Forwarded-For entry (what Shopify's app proxy wrote) is the shopper's
   * address. N: the entry N places left of the last (N proxies of your own append after Shopify's).
   */
  FORWARDED_FOR_TRUSTED_HOPS: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(0).max(10).optional(),
  ),
});

export type ChatSettings = z.infer<typeof schema>;

let cached: ChatSettings | undefined;

export function chatSettings(): ChatSettings {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return (cached = parsed.data);
}
