// Who is making this admin request: the session token's `sub` is the staff member's Shopify user id;
// their name and email come from an ONLINE access token, obtained by token exchange (the session
// token as subject) and kept through the app's session storage beside the offline session, under
// the id the library gives it (`<shop>_<userId>`). We exchange only when that user has no unexpired
// online session yet. The StaffMember row (shopId + userId) is upserted with the name and
// lastSeenAt, written at most once a minute per person. Naming someone never breaks a request: a
// failed exchange falls back to the name we stored before, else "Staff".
import { RequestedTokenType, shopifyApi, type Session } from "@shopify/shopify-api";
import { config } from "../config.server";
import { db } from "../db/client.server";
import { isUniqueViolation } from "../commerce/transaction.server";
import { logger } from "../lib/logger.server";
import { SHOPIFY_API_VERSION, sessionStorage } from "../shopify.server";

export interface StaffIdentity {
  id: string;
  name: string;
}

export const FALLBACK_STAFF_NAME = "Staff";
/** lastSeenAt is rewritten only when older than this. */
export const LAST_SEEN_THROTTLE_MS = 60_000;

const log = logger.child({ module: "staff-identify" });

// The Remix package keeps its own library instance private; token exchange needs only the app's keys.
let api: ReturnType<typeof shopifyApi> | undefined;
function shopifyAuth() {
  const settings = config();
  api ??= shopifyApi({
    apiKey: settings.SHOPIFY_API_KEY,
    apiSecretKey: settings.SHOPIFY_API_SECRET,
    apiVersion: SHOPIFY_API_VERSION,
    scopes: settings.SCOPES.split(",").map((s) => s.trim()),
    hostName: new URL(settings.SHOPIFY_APP_URL).host,
    isEmbeddedApp: true,
    logger: { level: 0 },
  });
  return api.auth;
}

/** The raw session token of an embedded request: the bearer header (fetches) or `id_token` (documents). */
export function rawSessionToken(request: Request): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("Authorization") ?? "");
  if (bearer) return bearer[1];
  return new URL(request.url).searchParams.get("id_token");
}

interface Person {
  name: string;
  email: string | null;
}

/** The prisma storage turns missing columns into the string "null". */
const clean = (value: unknown): string => {
  const text = typeof value === "string" ? value.trim() : "";
  return text === "null" || text === "undefined" ? "" : text;
};

function personOf(session: Session | undefined): Person | null {
  const user = session?.onlineAccessInfo?.associated_user;
  if (!user) return null;
  const name = [clean(user.first_name), clean(user.last_name)].filter(Boolean).join(" ");
  const email = clean(user.email) || null;
  if (!name && !email) return null;
  return { name: name || email!, email };
}

export function onlineSessionId(shopDomain: string, userId: string): string {
  return `${shopDomain}_${userId}`;
}

async function personFromOnlineToken(shopDomain: string, userId: string, sessionToken: string | null) {
  const stored = await sessionStorage.loadSession(onlineSessionId(shopDomain, userId)).catch(() => undefined);
  if (stored && stored.expires && stored.expires.getTime() > Date.now()) return personOf(stored);
  if (!sessionToken) return personOf(stored);
  try {
    const { session } = await shopifyAuth().tokenExchange({
      shop: shopDomain,
      sessionToken,
      requestedTokenType: RequestedTokenType.OnlineAccessToken,
    });
    await sessionStorage.storeSession(session);
    return personOf(session);
  } catch (error) {
    log.warn({ shop: shopDomain, userId, error: (error as Error).message }, "online token exchange failed");
    return null;
  }
}

/** userId -> when we last wrote lastSeenAt and under which name, so most requests cost no query. */
const recent = new Map<string, { name: string; writtenAt: number }>();

/** For tests: forget what this process remembers about recent requests. */
export function forgetRecentStaff(): void {
  recent.clear();
}

/** Upserts the StaffMember row; `person` null keeps the stored name. Returns the name to show. */
export async function recordStaffSeen(shopId: string, userId: string, person: Person | null): Promise<string> {
  const now = new Date();
  const existing = await db().staffMember.findUnique({
    where: { shopId_userId: { shopId, userId } },
    select: { name: true, email: true, lastSeenAt: true },
  });
  const name = person?.name ?? existing?.name ?? FALLBACK_STAFF_NAME;
  const email = person ? person.email : (existing?.email ?? null);
  try {
    if (!existing) {
      await db().staffMember.create({ data: { shopId, userId, name, email, lastSeenAt: now } });
    } else if (
      existing.name !== name ||
      existing.email !== email ||
      !existing.lastSeenAt ||
      now.getTime() - existing.lastSeenAt.getTime() >= LAST_SEEN_THROTTLE_MS
    ) {
      await db().staffMember.update({
        where: { shopId_userId: { shopId, userId } },
        data: { name, email, lastSeenAt: now },
      });
    }
  } catch (error) {
    // Two first requests of one person at once: the other one created the row.
    if (!isUniqueViolation(error)) throw error;
  }
  return name;
}

/**
 * Names the staff member behind an authenticated request and records that they were here.
 * Never throws for naming trouble: the request goes on as "Staff" at worst.
 */
export async function identifyStaff(input: {
  shopId: string;
  shopDomain: string;
  userId: string;
  sessionToken: string | null;
}): Promise<StaffIdentity> {
  const key = `${input.shopId}:${input.userId}`;
  const memo = recent.get(key);
  if (memo && Date.now() - memo.writtenAt < LAST_SEEN_THROTTLE_MS) return { id: input.userId, name: memo.name };
  try {
    const person = await personFromOnlineToken(input.shopDomain, input.userId, input.sessionToken);
    const name = await recordStaffSeen(input.shopId, input.userId, person);
    recent.set(key, { name, writtenAt: Date.now() });
    return { id: input.userId, name };
  } catch (error) {
    log.warn({ shopId: input.shopId, error: (error as Error).message }, "could not record the staff member");
    return { id: input.userId, name: FALLBACK_STAFF_NAME };
  }
}
