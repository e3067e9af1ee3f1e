// Which of a step's templates a customer gets: the customer's exact locale, then
// its language ("fr-CA" → "fr", or any other "fr-*"), then the shop's primary
// language, then English. Pure.
import type { Channel } from "../generated/prisma/enums";

/** "fr_CA" / "FR-ca" → "fr-ca"; blank → null. */
export function normaliseLocale(locale: string | null | undefined): string | null {
  const trimmed = locale?.trim();
  if (!trimmed) return null;
  return trimmed.replace(/_/g, "-").toLowerCase();
}

function languageOf(locale: string): string {
  return locale.split("-")[0];
}

function findFor<T extends { locale: string }>(candidates: T[], wanted: string | null): T | null {
  if (!wanted) return null;
  const exact = candidates.find((t) => normaliseLocale(t.locale) === wanted);
  if (exact) return exact;
  const language = languageOf(wanted);
  const base = candidates.find((t) => normaliseLocale(t.locale) === language);
  if (base) return base;
  return candidates.find((t) => languageOf(normaliseLocale(t.locale) ?? "") === language) ?? null;
}

export function pickTemplate<T extends { channel: Channel; locale: string }>(
  templates: T[],
  channel: Channel,
  customerLocale: string | null | undefined,
  shopPrimaryLocale: string,
): T | null {
  const candidates = templates.filter((t) => t.channel === channel);
  if (candidates.length === 0) return null;
  return (
    findFor(candidates, normaliseLocale(customerLocale)) ??
    findFor(candidates, normaliseLocale(shopPrimaryLocale)) ??
    findFor(candidates, "en")
  );
}
