// Formatting for admin pages; safe on server and client. Dates are shown in the
// shop's time zone so that server render and hydration agree.

export interface ShopFormat {
  currency: string;
  timeZone: string;
  locale: string;
}

function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? "en";
  } catch {
    return "en";
  }
}

function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

export function formatMoney(amount: string | number | null | undefined, currency: string, locale = "en"): string {
  const value = typeof amount === "number" ? amount : Number(amount ?? 0);
  try {
    return new Intl.NumberFormat(safeLocale(locale), { style: "currency", currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

export function formatNumber(value: number, locale = "en"): string {
  return new Intl.NumberFormat(safeLocale(locale)).format(value);
}

export function formatDateTime(
  value: string | Date | null | undefined,
  fmt: Pick<ShopFormat, "timeZone" | "locale">,
): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat(safeLocale(fmt.locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: safeTimeZone(fmt.timeZone),
  }).format(date);
}

export function formatDate(
  value: string | Date | null | undefined,
  fmt: Pick<ShopFormat, "timeZone" | "locale">,
): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat(safeLocale(fmt.locale), {
    dateStyle: "medium",
    timeZone: safeTimeZone(fmt.timeZone),
  }).format(date);
}

/** "2 min 5 s", "450 ms", "1 h 3 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** "FULFILLED" / "partially_fulfilled" → "Fulfilled" / "Partially fulfilled". */
export function humanize(value: string | null | undefined): string {
  if (!value) return "";
  const words = value.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function shopFormatOf(shop: { currency: string; ianaTimezone: string; primaryLocale: string }): ShopFormat {
  return { currency: shop.currency, timeZone: shop.ianaTimezone, locale: shop.primaryLocale };
}
