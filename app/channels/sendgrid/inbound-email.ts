// Reading SendGrid Inbound Parse fields: raw header block, address lists, encoded words,
// and folding quoted history out of a reply. Pure functions, no SendGrid SDK.

/** Unfolded headers, names lower-cased; a repeated header keeps every value in order. */
export function parseHeaderBlock(raw: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!raw) return out;
  const unfolded = raw.replace(/\r\n/g, "\n").replace(/\n[ \t]+/g, " ");
  for (const line of unfolded.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

/** Message ids ("<id@host>") in a header value, without the angle brackets. */
export function messageIdsIn(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]);
  if (bracketed.length) return bracketed;
  return value.split(/[\s,]+/).filter((t) => t.includes("@"));
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?ISO-8859-1?Q?…?=). */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (whole, charset: string, enc: string, text: string) => {
      try {
        const bytes =
          enc.toUpperCase() === "B"
            ? Buffer.from(text, "base64")
            : Buffer.from(
                text
                  .replace(/_/g, " ")
                  .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
                "latin1",
              );
        return new TextDecoder(charset.split("*")[0].toLowerCase(), { fatal: false }).decode(bytes);
      } catch {
        return whole;
      }
    });
}

export interface ParsedAddress {
  email: string;
  name?: string;
}

/** Addresses in a From/To header ("Ada <ada@x.com>, bob@y.com"); emails lower-cased. */
export function parseAddressList(value: string | undefined): ParsedAddress[] {
  if (!value) return [];
  const out: ParsedAddress[] = [];
  // Split on commas outside quotes and angle brackets.
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  let angle = 0;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "<") angle++;
    else if (!quoted && ch === ">") angle = Math.max(0, angle - 1);
    if (ch === "," && !quoted && angle === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  for (const part of parts) {
    const angled = /<([^<>\s]+@[^<>\s]+)>/.exec(part);
    const email = (angled?.[1] ?? /[^\s<>"]+@[^\s<>",]+/.exec(part)?.[0])?.toLowerCase();
    if (!email) continue;
    const rawName = angled ? part.slice(0, angled.index).trim().replace(/^"|"$/g, "").replace(/\\"/g, '"').trim() : "";
    const name = rawName ? decodeEncodedWords(rawName) : undefined;
    out.push(name ? { email, name } : { email });
  }
  return out;
}

/** Rough text rendering of an HTML body, for mail that arrives without a text/plain part. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|head)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/gi, " ")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&amp;/gi, "&")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const QUOTE_MARKERS: RegExp[] = [
  /^On\b[^\n]*(?:\n[^\n]*)?\bwrote:[ \t]*$/m, // Gmail/Apple Mail, possibly wrapped over two lines
  /^-{2,}[ \t]*Original Message[ \t]*-{2,}/im,
  /^_{20,}[ \t]*$/m, // Outlook separator
  /^From:[^\n]*\n(?:Sent|Date):/m, // Outlook header block
  /^(?:>[^\n]*(?:\n|$))+\s*$/m, // a trailing block of "> quoted" lines
];

/** The reply's own text and, when history was folded out, the full text. */
export function splitQuotedReply(text: string): { body: string; fullBody?: string } {
  const normalised = text.replace(/\r\n/g, "\n");
  let cut = normalised.length;
  for (const marker of QUOTE_MARKERS) {
    const found = marker.exec(normalised);
    if (found && found.index < cut) cut = found.index;
  }
  const body = normalised.slice(0, cut).trim();
  const full = normalised.trim();
  if (!body || body === full) return { body: full };
  return { body, fullBody: full };
}

/** What SendGrid's receiving server checked: its `SPF` and `dkim` fields and the envelope sender. */
export interface EmailAuthResults {
  /** SPF result for the envelope sender, lower-cased ("pass", "fail", "softfail", "none"…); null when absent. */
  spf: string | null;
  /** The SMTP MAIL FROM address SPF was checked for; null when absent. */
  envelopeFrom: string | null;
  /** One entry per signature: the signing domain (d=) and its result. */
  dkim: Array<{ domain: string; result: string }>;
}

/**
 * Reads the `SPF` and `dkim` fields ("{@example.com : pass}", several signatures separated by
 * commas or lines, or "none") and the envelope's `from`. Anything unreadable counts as absent.
 */
export function parseEmailAuth(fields: {
  spf?: string | null;
  dkim?: string | null;
  envelope?: string | null;
}): EmailAuthResults {
  const spf = fields.spf?.trim().toLowerCase() || null;
  const dkim = [...(fields.dkim ?? "").matchAll(/@?([A-Za-z0-9.-]+\.[A-Za-z0-9-]+)\s*:\s*([A-Za-z]+)/g)].map((m) => ({
    domain: m[1].toLowerCase().replace(/\.$/, ""),
    result: m[2].toLowerCase(),
  }));
  let envelopeFrom: string | null = null;
  try {
    const from = (JSON.parse(fields.envelope ?? "{}") as { from?: unknown } | null)?.from;
    if (typeof from === "string" && from.includes("@")) envelopeFrom = from.trim().toLowerCase();
  } catch {
    envelopeFrom = null;
  }
  return { spf, envelopeFrom, dkim };
}
