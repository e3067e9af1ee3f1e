// The one name staff see for a customer, everywhere (inbox card, conversation, customer page,
// search results, merge page, admin block). Safe on server and client.
//
// A person before an id: name → email → phone → what we know of an anonymous chat visitor
// ("Visitor from France, on Linen shirt") → "Instagram user" / "Messenger user" (with the profile
// name when known) → "Customer without contact details". Platform ids (visitor ids, PSIDs, IGSIDs)
// never appear here: the customer page shows them under Details only.
//
// Where a chat visitor is: Shopify's app proxy sends no geolocation, so "from <place>" is the
// customer's country when we know one (countryCode); otherwise the label names only the page.

export type PlatformKind = "CHAT_VISITOR" | "INSTAGRAM" | "MESSENGER";

export interface CustomerLabelFacts {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  redactedAt?: Date | string | null;
  countryCode?: string | null;
  /** The customer's first platform identity (chat visitor, Instagram, Messenger), with its profile name. */
  platform?: { kind: PlatformKind; label: string | null } | null;
  /** The page the visitor last reported (Conversation.visitorPage), as stored. */
  visitorPage?: unknown;
}

export const NO_CONTACT_LABEL = "Customer without contact details";

interface PageJson {
  url?: unknown;
  type?: unknown;
  title?: unknown;
  product?: { title?: unknown } | null;
  collection?: { title?: unknown } | null;
  cart?: unknown;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** A few words for the page a visitor is on: "Linen shirt", "Collection: Summer", "the cart", "the home page". */
export function shortPageLabel(page: unknown): string | null {
  if (!page || typeof page !== "object") return null;
  const p = page as PageJson;
  const product = str(p.product?.title);
  if (product) return clip(product);
  const collection = str(p.collection?.title);
  if (collection) return clip(`Collection: ${collection}`);
  if (p.cart || p.type === "cart") return "the cart";
  if (p.type === "home") return "the home page";
  const title = str(p.title);
  if (title) return clip(title);
  const url = str(p.url);
  if (url) {
    try {
      return clip(new URL(url).pathname);
    } catch {
      return null;
    }
  }
  return null;
}

/** "France" for "FR"; null for anything that is not a region code. */
export function countryName(code: string | null | undefined, locale = "en"): string | null {
  if (!code || !/^[A-Za-z]{2}$/.test(code)) return null;
  try {
    const name = new Intl.DisplayNames([locale], { type: "region" }).of(code.toUpperCase());
    return name && name !== code.toUpperCase() ? name : null;
  } catch {
    return null;
  }
}

function personName(c: CustomerLabelFacts): string | null {
  const name = [c.firstName, c.lastName]
    .filter((p) => p && p.trim())
    .map((p) => p!.trim())
    .join(" ");
  return name || null;
}

export function visitorLabel(countryCode: string | null | undefined, page: unknown): string {
  const place = countryName(countryCode);
  const on = shortPageLabel(page);
  if (place && on) return `Visitor from ${place}, on ${on}`;
  if (place) return `Visitor from ${place}`;
  if (on) return `Visitor on ${on}`;
  return "Chat visitor";
}

export function customerLabel(c: CustomerLabelFacts): string {
  if (c.redactedAt) return "Redacted customer";
  const known = personName(c) ?? str(c.email) ?? str(c.phone);
  if (known) return known;
  switch (c.platform?.kind) {
    case "CHAT_VISITOR":
      return visitorLabel(c.countryCode, c.visitorPage);
    case "INSTAGRAM":
      return c.platform.label ? `Instagram user ${clip(c.platform.label, 30)}` : "Instagram user";
    case "MESSENGER":
      return c.platform.label ? `Messenger user ${clip(c.platform.label, 30)}` : "Messenger user";
    default:
      return NO_CONTACT_LABEL;
  }
}

/** True when the label says nothing more than the customer's own name, email or phone. */
export function hasContactDetails(c: Pick<CustomerLabelFacts, "firstName" | "lastName" | "email" | "phone">): boolean {
  return Boolean(personName(c as CustomerLabelFacts) ?? str(c.email) ?? str(c.phone));
}
