// How we normalise the addresses customers are recognised by, so that the same
// person typed two ways maps to one CustomerIdentity value.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { boundedMemo } from "../lib/bounded-memo";

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
  return parsedPhone(trimmed, defaultCountry).number;
}

/** The country a phone number belongs to (valid or not), or null: for the recipient's time zone. */
export function phoneCountry(raw: string): CountryCode | null {
  return parsedPhone(raw.trim(), null).country;
}

function parsedPhone(trimmed: string, defaultCountry: string | null | undefined) {
  // A number in international form ignores the default country, so such numbers share one entry;
  // otherwise the country is two letters or nothing, and the first "|" always ends it.
  const country = trimmed.startsWith("+") ? "" : (asCountryCode(defaultCountry) ?? "");
  return parsedPhones(`${country}|${trimmed}`);
}

const parsedPhones = boundedMemo(10_000, (key) => {
  const separator = key.indexOf("|");
  const defaultCountry = key.slice(0, separator) || null;
  const trimmed = key.slice(separator + 1);
  const parsed = parsePhoneNumberFromString(
    trimmed.startsWith("00") ? `+${trimmed.slice(2)}` : trimmed,
    asCountryCode(defaultCountry),
  );
  return { number: parsed?.isValid() ? parsed.number : null, country: parsed?.country ?? null };
});

/** ISO-3166 alpha-2 in upper case, or null. */
export function normaliseCountryCode(raw: string | null | undefined): string | null {
  return asCountryCode(raw) ?? null;
}
