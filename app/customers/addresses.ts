// How we normalise the addresses customers are recognised by, so that the same
// person typed two ways maps to one CustomerIdentity value.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Case-folded, trimmed email, or null when it is not an email at all. */
export function normaliseEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const email = raw.trim().toLowerCase();
  return EMAIL_SHAPE.test(email) ? email : null;
}

function asCountryCode(raw: string | null | undefined): CountryCode | undefined {
  const code = raw?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) ? (code as CountryCode) : undefined;
}

/**
 * E.164 phone, or null when it cannot be a real number. National numbers
 * ("020 7946 0958") are read in the customer's own country, which is the best
 * guess we have (address country, else none).
 */
export function normalisePhone(raw: string | null | undefined, defaultCountry?: string | null): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const parsed = parsePhoneNumberFromString(
    trimmed.startsWith("00") ? `+${trimmed.slice(2)}` : trimmed,
    asCountryCode(defaultCountry),
  );
  return parsed?.isValid() ? parsed.number : null;
}

/** ISO-3166 alpha-2 in upper case, or null. */
export function normaliseCountryCode(raw: string | null | undefined): string | null {
  return asCountryCode(raw) ?? null;
}
