// The building blocks of every flow's default copy (app/flows/defaults.ts and the lifecycle
// flows' app/flows/lifecycle/copy/): locales, greetings, the STOP and unsubscribe lines.
import type { Channel } from "../generated/prisma/enums";

export const DEFAULT_LOCALES = ["en", "es", "fr"] as const;
export type DefaultLocale = (typeof DEFAULT_LOCALES)[number];

/** The channels flows send on, and which ones have default copy. */
export const FLOW_CHANNELS = ["SMS", "WHATSAPP", "EMAIL"] as const satisfies readonly Channel[];
export type FlowChannel = (typeof FLOW_CHANNELS)[number];

export interface DefaultTemplate {
  /** Email only; null for SMS and WhatsApp. */
  subject: string | null;
  body: string;
}

export interface DefaultStep {
  position: number;
  delayMinutes: number;
  channels: FlowChannel[];
  templates: Record<DefaultLocale, Record<FlowChannel, DefaultTemplate>>;
}

export const hi: Record<DefaultLocale, string> = {
  en: "Hi {{ customer.first_name | default: 'there' }}",
  es: "Hola{% if customer.first_name %} {{ customer.first_name }}{% endif %}",
  fr: "Bonjour{% if customer.first_name %} {{ customer.first_name }}{% endif %}",
};

export const stopLine: Record<DefaultLocale, string> = {
  en: "Reply STOP to opt out",
  es: "Responde STOP para darte de baja",
  fr: "Répondez STOP pour vous désabonner",
};

export const unsubscribeLine: Record<DefaultLocale, string> = {
  en: "Unsubscribe from these emails: {{ unsubscribe_url }}",
  es: "Darte de baja de estos correos: {{ unsubscribe_url }}",
  fr: "Se désabonner de ces e-mails : {{ unsubscribe_url }}",
};

/** French sets a space before a colon. */
export const colon: Record<DefaultLocale, string> = { en: ":", es: ":", fr: " :" };

export function lines(...parts: string[]): string {
  return parts.join("\n");
}

export function perLocale(build: (locale: DefaultLocale) => Record<FlowChannel, DefaultTemplate>) {
  return Object.fromEntries(DEFAULT_LOCALES.map((locale) => [locale, build(locale)])) as Record<
    DefaultLocale,
    Record<FlowChannel, DefaultTemplate>
  >;
}
