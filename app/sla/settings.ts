// Shop.settings.sla: response and resolution targets per conversation priority (issue 13). OFF by
// default so shops that never opened the page keep no timers. Each target is in minutes (null: no
// target) and counts either business minutes of the shop calendar or wall-clock minutes.
import { z } from "zod";
import type { ConversationPriority } from "../generated/prisma/client";

export const SLA_PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const satisfies readonly ConversationPriority[];
export const SLA_MODES = ["business_hours", "around_the_clock"] as const;
export const SLA_METRIC_FIELDS = ["firstResponseMinutes", "nextResponseMinutes", "resolutionMinutes"] as const;
/** One year: a longer target is a typo, and addBusinessMinutes looks 400 days ahead at most. */
export const MAX_SLA_MINUTES = 525_600;

export type SlaMode = (typeof SLA_MODES)[number];
export type SlaMetricField = (typeof SLA_METRIC_FIELDS)[number];
export interface SlaPolicy {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  mode: SlaMode;
}
export interface SlaSettings {
  enabled: boolean;
  policies: Record<ConversationPriority, SlaPolicy>;
}

const policy = (first: number, next: number, resolution: number): SlaPolicy => ({
  firstResponseMinutes: first,
  nextResponseMinutes: next,
  resolutionMinutes: resolution,
  mode: "business_hours",
});

/** Suggested targets shown on the page; they apply only once the merchant turns SLAs on. */
export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  enabled: false,
  policies: {
    LOW: policy(480, 960, 5_760),
    NORMAL: policy(240, 480, 2_880),
    HIGH: policy(60, 120, 1_440),
    URGENT: policy(30, 60, 480),
  },
};

const target = z.number().int().min(1).max(MAX_SLA_MINUTES).nullable();
const storedPolicy = z.object({
  firstResponseMinutes: target,
  nextResponseMinutes: target,
  resolutionMinutes: target,
  mode: z.enum(SLA_MODES),
});

/** Lenient reader: an unreadable priority falls back to its default, an unreadable whole to OFF. */
export function readSlaSettings(shopSettings: unknown): SlaSettings {
  const raw = (shopSettings as { sla?: { enabled?: unknown; policies?: Record<string, unknown> } } | null)?.sla;
  if (!raw || typeof raw !== "object") return DEFAULT_SLA_SETTINGS;
  const policies = Object.fromEntries(
    SLA_PRIORITIES.map((p) => {
      const parsed = storedPolicy.safeParse(raw.policies?.[p]);
      return [p, parsed.success ? parsed.data : DEFAULT_SLA_SETTINGS.policies[p]];
    }),
  ) as Record<ConversationPriority, SlaPolicy>;
  return { enabled: raw.enabled === true, policies };
}
