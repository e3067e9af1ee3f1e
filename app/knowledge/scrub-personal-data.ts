// Takes what is personal out of a question and answer before they become a suggested article:
// links carrying tokens (order status pages, checkout recovery, anything with a query string or a
// long random path part), email addresses, order numbers, phone numbers (libphonenumber-js, plus
// the written forms it rejects as invalid) and the customer's own names. Each is replaced by a
// bracketed placeholder the merchant sees and can rewrite before approving. Pure.
import { findPhoneNumbersInText, isSupportedCountry, type CountryCode } from "libphonenumber-js";

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;
const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/giu;
const ORDER_HASH = /#\s?\d{3,}\b/g;
const ORDER_WORD = /\b(order|pedido|commande)(\s+(?:no\.?|number|num(?:ber|ero|éro)?\.?|n[°º]|#)?\s*)(\d{3,})\b/gi;
// What libphonenumber refuses as invalid but still reads as a phone number to a person.
const PHONE_FALLBACK = /(?:\+\d[\d\s().-]{6,}\d)|(?:\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b)/g;

const GREETING_LINE =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hola|buenos d[ií]as|buenas|estimad[oa]|bonjour|bonsoir|salut|cher|ch[eè]re)\b[^\n]{0,60}$/i;

const INLINE_GREETING = /^(?:hi|hello|hey|dear|hola|bonjour|bonsoir|salut)\b[^,!.\n]{0,40}[,!.]\s+/i;

export const PLACEHOLDERS = {
  link: "[link]",
  email: "[email]",
  order: "[order number]",
  phone: "[phone]",
  name: "[name]",
} as const;

/** A link worth hiding: a query string, a fragment, or a path part that looks like a token. */
function carriesToken(url: string): boolean {
  if (/[?#]/.test(url)) return true;
  const path = url.replace(/^(?:https?:\/\/)?[^/]+/i, "");
  return path.split("/").some((part) => part.length >= 16 && /\d/.test(part) && /^[A-Za-z0-9_-]+$/.test(part));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function scrubNames(text: string, names: readonly string[]): string {
  const words = [...new Set(names.flatMap((n) => n.split(/\s+/)).map((n) => n.trim()))]
    .filter((n) => n.length >= 2)
    // Longest first, so "Anne-Marie" goes before "Anne".
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const word of words) {
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, "giu"),
      PLACEHOLDERS.name,
    );
  }
  return out;
}

export interface ScrubOptions {
  /** The customer's first, last and display names. */
  names?: readonly string[];
  /** For phone numbers written without a country code (the shop's country); US when unknown. */
  defaultCountry?: CountryCode;
}

export function scrubPersonalData(text: string, options: ScrubOptions = {}): string {
  let out = text.replace(URL_PATTERN, (url) => (carriesToken(url) ? PLACEHOLDERS.link : url));
  out = out.replace(EMAIL_PATTERN, PLACEHOLDERS.email);
  out = out.replace(ORDER_HASH, PLACEHOLDERS.order);
  out = out.replace(ORDER_WORD, (_m, word: string, between: string) => `${word}${between}${PLACEHOLDERS.order}`);
  const country = options.defaultCountry && isSupportedCountry(options.defaultCountry) ? options.defaultCountry : "US";
  const found = findPhoneNumbersInText(out, country);
  for (const match of [...found].reverse())
    out = `${out.slice(0, match.startsAt)}${PLACEHOLDERS.phone}${out.slice(match.endsAt)}`;
  out = out.replace(PHONE_FALLBACK, PLACEHOLDERS.phone);
  return scrubNames(out, options.names ?? []);
}

/** A staff reply as an article's answer: scrubbed, and without a first line that only greets. */
export function scrubAnswer(text: string, options: ScrubOptions = {}): string {
  const lines = text.replace(/\r\n?/g, "\n").trim().split("\n");
  if (lines.length > 1 && GREETING_LINE.test(lines[0]!.trim())) lines.shift();
  let answer = lines.join("\n").trim();
  const rest = answer.replace(INLINE_GREETING, "");
  if (rest !== answer && rest.length >= 12) answer = rest.charAt(0).toUpperCase() + rest.slice(1);
  return scrubPersonalData(answer, options);
}
