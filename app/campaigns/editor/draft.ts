// What staff submit from the campaign editor (one JSON document in the form field `campaign`) and
// how it is checked. Pure: the shop's segments and zone are passed in, so the same rules run in the
// route, in tests and (for the shape) in the browser. Every problem comes back as a field path and a
// sentence, e.g. { "content.variants.0.messages.EMAIL.subject": "Email needs a subject" }.
import { z } from "zod";
import { CAMPAIGN_CHANNELS, campaignContentSchema, type CampaignChannel, type CampaignContent } from "../content";

export const SEND_MODES = ["shop_time", "recipient_time"] as const;
export type SendMode = (typeof SEND_MODES)[number];
export const WINNER_METRICS = ["clicked", "replied", "orders", "revenue"] as const;
export type WinnerMetric = (typeof WINNER_METRICS)[number];

/** "2026-12-05T10:00" (what an <input type="datetime-local"> gives), read in the shop's zone. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export const campaignDraftInput = z.object({
  name: z
    .string({ error: "Give the campaign a name" })
    .trim()
    .min(1, "Give the campaign a name")
    .max(120, "Keep the name under 120 characters"),
  segmentId: z.string({ error: "Choose a segment" }).trim().min(1, "Choose a segment").max(64).nullable(),
  channels: z
    .array(z.enum(CAMPAIGN_CHANNELS, { error: "Channels are SMS, WHATSAPP or EMAIL" }), {
      error: "Choose at least one channel",
    })
    .min(1, "Choose at least one channel")
    .max(3)
    .refine((list) => new Set(list).size === list.length, "Each channel can be listed once"),
  content: campaignContentSchema,
  sendMode: z.enum(SEND_MODES, { error: "Send mode is shop_time or recipient_time" }).default("shop_time"),
  sendAt: z
    .string()
    .regex(LOCAL_DATE_TIME, "Give the date and time as YYYY-MM-DDTHH:MM")
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  winnerMetric: z
    .enum(WINNER_METRICS, { error: "Winner metric is clicked, replied, orders or revenue" })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export type CampaignDraftInput = z.output<typeof campaignDraftInput>;

export type FieldErrors = Record<string, string>;

/** zod issues → the first message per field path ("content.variants.0.weight"). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "campaign";
    out[path] ??= issue.message;
  }
  return out;
}

/**
 * What the schema alone cannot say: every variant has a message for every chosen channel (email
 * with a subject, WhatsApp with its approved template), and a winner metric when there are variants
 * to compare. Messages for channels no longer chosen are dropped rather than refused.
 */
export function crossFieldErrors(draft: CampaignDraftInput): FieldErrors {
  const errors: FieldErrors = {};
  draft.content.variants.forEach((variant, i) => {
    for (const channel of draft.channels) {
      const message = variant.messages[channel];
      const at = `content.variants.${i}.messages.${channel}`;
      if (!message) {
        errors[`${at}.body`] = `Variant ${variant.key} needs a ${CHANNEL_NAME[channel]} message`;
        continue;
      }
      if (channel === "EMAIL" && !message.subject)
        errors[`${at}.subject`] = `Variant ${variant.key}: email needs a subject`;
      if (channel === "WHATSAPP" && !message.whatsappContentSid)
        errors[`${at}.whatsappContentSid`] =
          `Variant ${variant.key}: WhatsApp campaigns need an approved template (Content SID, HX…)`;
    }
  });
  if (draft.content.variants.length > 1 && !draft.winnerMetric)
    errors.winnerMetric = "Choose how the winning variant is picked: clicked, replied, orders or revenue";
  return errors;
}

export const CHANNEL_NAME: Record<CampaignChannel, string> = { SMS: "SMS", WHATSAPP: "WhatsApp", EMAIL: "email" };

/** Keeps only the messages of the chosen channels, and no winner metric for a single variant. */
export function normaliseDraft(draft: CampaignDraftInput): CampaignDraftInput {
  const content: CampaignContent = {
    variants: draft.content.variants.map((v) => ({
      ...v,
      messages: Object.fromEntries(
        draft.channels.filter((c) => v.messages[c]).map((c) => [c, v.messages[c]]),
      ) as CampaignContent["variants"][number]["messages"],
    })),
  };
  return { ...draft, content, winnerMetric: content.variants.length > 1 ? draft.winnerMetric : null };
}

/** "2026-12-05T10:00" → its parts, or null. */
export function parseLocalDateTime(
  value: string,
): { year: number; month: number; day: number; minutes: number } | null {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  return { year, month, day, minutes: hour * 60 + minute };
}

/** A blank campaign: one variant, SMS then email, sent at the shop's time. */
export function emptyDraft(): CampaignDraftInput {
  return {
    name: "",
    segmentId: null,
    channels: ["SMS", "EMAIL"],
    content: {
      variants: [
        {
          key: "A",
          weight: 100,
          messages: {
            SMS: { body: "Hi {{ customer.first_name }}, something new at {{ shop.name }}: {{ shop.url }}" },
            EMAIL: {
              subject: "Something new at {{ shop.name }}",
              body: "Hi {{ customer.first_name }},\n\nSomething new at {{ shop.name }}: {{ shop.url }}\n\nUnsubscribe: {{ unsubscribe_url }}",
            },
          },
        },
      ],
    },
    sendMode: "shop_time",
    sendAt: null,
    winnerMetric: null,
  };
}
