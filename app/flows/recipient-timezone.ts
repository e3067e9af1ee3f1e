// The recipient's time zone for quiet hours: the shipping address (country, and
// the province where a country spans several zones), else the phone number's
// country, else the shop's own zone.
import { timezoneForCountry } from "../customers/country-timezone";
import { phoneCountry } from "../customers/addresses";

// Keyed by ISO 3166-2 subdivision code and by upper-cased English name, since
// REST payloads carry the name ("Ontario") and GraphQL the code ("ON").
const US: Record<string, string> = {};
const CA: Record<string, string> = {};
const AU: Record<string, string> = {};
const BR: Record<string, string> = {};
const MX: Record<string, string> = {};

function add(table: Record<string, string>, zone: string, entries: [string, string][]) {
  for (const [code, name] of entries) {
    table[code] = zone;
    table[name.toUpperCase()] = zone;
  }
}

add(US, "America/New_York", [
  ["CT", "Connecticut"],
  ["DE", "Delaware"],
  ["DC", "District of Columbia"],
  ["FL", "Florida"],
  ["GA", "Georgia"],
  ["ME", "Maine"],
  ["MD", "Maryland"],
  ["MA", "Massachusetts"],
  ["NH", "New Hampshire"],
  ["NJ", "New Jersey"],
  ["NY", "New York"],
  ["NC", "North Carolina"],
  ["OH", "Ohio"],
  ["PA", "Pennsylvania"],
  ["RI", "Rhode Island"],
  ["SC", "South Carolina"],
  ["VT", "Vermont"],
  ["VA", "Virginia"],
  ["WV", "West Virginia"],
  ["MI", "Michigan"],
  ["PR", "Puerto Rico"],
]);
add(US, "America/Indiana/Indianapolis", [["IN", "Indiana"]]);
add(US, "America/Kentucky/Louisville", [["KY", "Kentucky"]]);
add(US, "America/Chicago", [
  ["AL", "Alabama"],
  ["AR", "Arkansas"],
  ["IL", "Illinois"],
  ["IA", "Iowa"],
  ["KS", "Kansas"],
  ["LA", "Louisiana"],
  ["MN", "Minnesota"],
  ["MS", "Mississippi"],
  ["MO", "Missouri"],
  ["NE", "Nebraska"],
  ["ND", "North Dakota"],
  ["OK", "Oklahoma"],
  ["SD", "South Dakota"],
  ["TN", "Tennessee"],
  ["TX", "Texas"],
  ["WI", "Wisconsin"],
]);
add(US, "America/Denver", [
  ["CO", "Colorado"],
  ["MT", "Montana"],
  ["NM", "New Mexico"],
  ["UT", "Utah"],
  ["WY", "Wyoming"],
  ["ID", "Idaho"],
]);
add(US, "America/Phoenix", [["AZ", "Arizona"]]);
add(US, "America/Los_Angeles", [
  ["CA", "California"],
  ["NV", "Nevada"],
  ["OR", "Oregon"],
  ["WA", "Washington"],
]);
add(US, "America/Anchorage", [["AK", "Alaska"]]);
add(US, "Pacific/Honolulu", [["HI", "Hawaii"]]);

add(CA, "America/St_Johns", [["NL", "Newfoundland and Labrador"]]);
add(CA, "America/Halifax", [
  ["NS", "Nova Scotia"],
  ["NB", "New Brunswick"],
  ["PE", "Prince Edward Island"],
]);
add(CA, "America/Toronto", [
  ["ON", "Ontario"],
  ["QC", "Quebec"],
  ["NU", "Nunavut"],
]);
CA["QUÉBEC"] = "America/Toronto";
add(CA, "America/Winnipeg", [["MB", "Manitoba"]]);
add(CA, "America/Regina", [["SK", "Saskatchewan"]]);
add(CA, "America/Edmonton", [
  ["AB", "Alberta"],
  ["NT", "Northwest Territories"],
]);
add(CA, "America/Vancouver", [["BC", "British Columbia"]]);
add(CA, "America/Whitehorse", [["YT", "Yukon"]]);

add(AU, "Australia/Sydney", [
  ["NSW", "New South Wales"],
  ["ACT", "Australian Capital Territory"],
]);
add(AU, "Australia/Melbourne", [["VIC", "Victoria"]]);
add(AU, "Australia/Brisbane", [["QLD", "Queensland"]]);
add(AU, "Australia/Adelaide", [["SA", "South Australia"]]);
add(AU, "Australia/Darwin", [["NT", "Northern Territory"]]);
add(AU, "Australia/Perth", [["WA", "Western Australia"]]);
add(AU, "Australia/Hobart", [["TAS", "Tasmania"]]);

add(BR, "America/Manaus", [
  ["AM", "Amazonas"],
  ["RR", "Roraima"],
  ["RO", "Rondônia"],
  ["MT", "Mato Grosso"],
  ["MS", "Mato Grosso do Sul"],
]);
add(BR, "America/Rio_Branco", [["AC", "Acre"]]);
add(BR, "America/Noronha", [["FN", "Fernando de Noronha"]]);

add(MX, "America/Tijuana", [["BC", "Baja California"]]);
add(MX, "America/Hermosillo", [["SON", "Sonora"]]);
add(MX, "America/Mazatlan", [
  ["BCS", "Baja California Sur"],
  ["SIN", "Sinaloa"],
  ["NAY", "Nayarit"],
]);
add(MX, "America/Chihuahua", [["CHIH", "Chihuahua"]]);
add(MX, "America/Cancun", [
  ["QROO", "Quintana Roo"],
  ["Q ROO", "Quintana Roo"],
]);

/** Zone of a multi-zone country's province, or of the country's main zone. */
const PROVINCES: Record<string, { table: Record<string, string>; fallback: string | null }> = {
  US: { table: US, fallback: null },
  CA: { table: CA, fallback: null },
  AU: { table: AU, fallback: null },
  // Most of Brazil and Mexico share one zone; the table lists the exceptions.
  BR: { table: BR, fallback: "America/Sao_Paulo" },
  MX: { table: MX, fallback: "America/Mexico_City" },
};

// Countries the single-zone table leaves out on purpose, with the zone most people live in.
const MAIN_ZONE: Record<string, string> = {
  ES: "Europe/Madrid",
  PT: "Europe/Lisbon",
  NZ: "Pacific/Auckland",
  CL: "America/Santiago",
  ID: "Asia/Jakarta",
  RU: "Europe/Moscow",
  GG: "Europe/Guernsey",
  JE: "Europe/Jersey",
  IM: "Europe/Isle_of_Man",
};

export function timezoneForAddress(
  countryCode: string | null | undefined,
  province: string | null | undefined,
): string | null {
  const country = countryCode?.trim().toUpperCase();
  if (!country) return null;
  const multi = PROVINCES[country];
  if (multi) {
    const key = province
      ?.trim()
      .toUpperCase()
      .replace(/^[A-Z]{2}-/, "");
    return (key ? multi.table[key] : undefined) ?? multi.fallback;
  }
  return timezoneForCountry(country) ?? MAIN_ZONE[country] ?? null;
}

export function timezoneForPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return zoneOfPhone(phone.replace(/^whatsapp:/, ""));
}

function zoneOfPhone(phone: string): string | null {
  const country = phoneCountry(phone);
  if (!country) return null;
  // A phone number says nothing of the province; multi-zone countries only use their main zone.
  return timezoneForAddress(country, null);
}

export interface RecipientTimezoneInput {
  shippingCountryCode?: string | null;
  shippingProvince?: string | null;
  phone?: string | null;
  shopTimezone: string;
}

export function recipientTimezone(input: RecipientTimezoneInput): {
  timeZone: string;
  source: "address" | "phone" | "shop";
} {
  const fromAddress = timezoneForAddress(input.shippingCountryCode, input.shippingProvince);
  if (fromAddress) return { timeZone: fromAddress, source: "address" };
  const fromPhone = timezoneForPhone(input.phone);
  if (fromPhone) return { timeZone: fromPhone, source: "phone" };
  return { timeZone: input.shopTimezone || "UTC", source: "shop" };
}
