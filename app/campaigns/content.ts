// The shape of Campaign.content, shared by the editor (what staff write) and the dispatcher (what
// it sends). One or more A/B variants; each variant has a message per channel it may go out on,
// in the campaign's channel order (channels is the fallback order, e.g. WhatsApp, then SMS, then email).
import { z } from "zod";

export const CAMPAIGN_CHANNELS = ["SMS", "WHATSAPP", "EMAIL"] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export const variantMessageSchema = z.object({
  /** Liquid source (customer, shop, recommendations, unsubscribe_url…). Plain text: never rendered as HTML. */
  body: z.string().trim().min(1).max(5000),
  /** Email only. Liquid too. */
  subject: z.string().trim().max(200).optional(),
  /** WhatsApp only: the approved template (Twilio Content SID, HX…) required outside the 24-hour window. */
  whatsappContentSid: z
    .string()
    .regex(/^HX[0-9a-fA-F]{32}$/)
    .optional(),
});
export type VariantMessage = z.infer<typeof variantMessageSchema>;

export const campaignVariantSchema = z.object({
  /** "A", "B", … */
  key: z.string().regex(/^[A-Z]$/),
  /** Share of the audience, in percent; the variants' weights sum to 100. */
  weight: z.number().int().min(1).max(100),
  messages: z.partialRecord(z.enum(CAMPAIGN_CHANNELS), variantMessageSchema),
});
export type CampaignVariant = z.infer<typeof campaignVariantSchema>;

export const campaignContentSchema = z
  .object({ variants: z.array(campaignVariantSchema).min(1).max(4) })
  .refine((c) => c.variants.reduce((sum, v) => sum + v.weight, 0) === 100, {
    message: "The variants' shares must add up to 100 %",
  })
  .refine((c) => new Set(c.variants.map((v) => v.key)).size === c.variants.length, {
    message: "Each variant needs its own letter",
  });
export type CampaignContent = z.infer<typeof campaignContentSchema>;

/** Reads Campaign.content as stored (validated when saved); a malformed row reads as no variants. */
export function readCampaignContent(value: unknown): CampaignContent {
  const parsed = campaignContentSchema.safeParse(value);
  return parsed.success ? parsed.data : { variants: [] };
}
