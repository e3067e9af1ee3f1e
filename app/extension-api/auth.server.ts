// Authentication for the admin UI extension's calls: Shopify adds `Authorization: Bearer <session
// token>` to fetch() from an admin extension. authenticate.admin validates the token (HS256 with the
// app secret, aud = API key, exp/nbf) and loads the shop's offline session; it also answers OPTIONS
// preflights itself (204 + CORS headers; Remix routes OPTIONS to the loader) and adds CORS headers to
// the responses it throws (401 for a bad or expired token). A correctly signed token for a shop that
// is not installed here, or whose dest is foreign, answers 401 JSON before the library would try a
// token exchange with it (session-token-shop.server.ts). Every response we make goes through
// `cors` too, errors included.
import { json } from "@remix-run/node";
import { db } from "../db/client.server";
import type { Shop } from "../generated/prisma/client";
import { logger } from "../lib/logger.server";
import { authenticate } from "../shopify.server";
import { identifyStaff } from "../staff/identify.server";
import { checkTokenShop } from "./session-token-shop.server";

export interface ExtensionContext {
  shop: Shop;
  staff: { id: string; name: string };
  cors: (response: Response) => Response;
}

/** The same CORS headers authenticate.admin adds, for the 401s we answer before it runs. */
function unauthorized(request: Request, reason: string): Response {
  logger.warn({ path: new URL(request.url).pathname, method: request.method, reason }, "extension API: 401");
  const response = json({ error: "Unauthorized" }, { status: 401 });
  if (request.headers.get("Origin")) {
    response.headers.set("Access-Control-Allow-Origin", "*");
    response.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  }
  return response;
}

function bearerOf(request: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("Authorization") ?? "");
  return match ? match[1] : null;
}

export async function requireExtension(request: Request): Promise<ExtensionContext> {
  const bearer = request.method === "OPTIONS" ? null : bearerOf(request);
  if (bearer) {
    const check = await checkTokenShop(bearer);
    if (check.ok === false) throw unauthorized(request, check.reason);
  }
  let auth: Awaited<ReturnType<typeof authenticate.admin>>;
  try {
    auth = await authenticate.admin(request);
  } catch (error) {
    if (error instanceof Response) throw error;
    // Whatever else the library meets (a failed token exchange) is still "not authorised", not a crash.
    throw unauthorized(request, (error as Error).message);
  }
  const { session, sessionToken, cors } = auth;
  const shop = await db().shop.findUnique({ where: { domain: session.shop } });
  if (!shop || shop.uninstalledAt) throw unauthorized(request, "shop not installed");
  // The token's `sub` is the staff member's user id; the name comes from their online access token.
  const staff = await identifyStaff({
    shopId: shop.id,
    shopDomain: shop.domain,
    userId: String(sessionToken?.sub ?? "staff"),
    sessionToken: bearer,
  });
  return { shop, staff, cors };
}

/** Runs a handler after authentication; any Response it throws (404s from the domain) gets CORS headers. */
export async function withExtension(
  request: Request,
  handler: (ctx: ExtensionContext) => Promise<Response>,
): Promise<Response> {
  const ctx = await requireExtension(request);
  try {
    return ctx.cors(await handler(ctx));
  } catch (err) {
    if (err instanceof Response) throw ctx.cors(err);
    throw err;
  }
}

export function notFound(): Response {
  return json({ error: "Not found" }, { status: 404 });
}
