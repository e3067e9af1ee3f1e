// Authentication for the admin UI extension's calls: Shopify adds `Authorization: Bearer <session
// token>` to fetch() from an admin extension. authenticate.admin validates the token (HS256 with the
// app secret, aud = API key, exp/nbf) and loads the shop's offline session; it also answers OPTIONS
// preflights itself (204 + CORS headers; Remix routes OPTIONS to the loader) and adds CORS headers to
// the responses it throws (401 for a bad or expired token). Every response we make goes through
// `cors` too, errors included.
import { json } from "@remix-run/node";
import { db } from "../db/client.server";
import type { Shop } from "../generated/prisma/client";
import { authenticate } from "../shopify.server";

export interface ExtensionContext {
  shop: Shop;
  staff: { id: string; name: string };
  cors: (response: Response) => Response;
}

export async function requireExtension(request: Request): Promise<ExtensionContext> {
  const { session, sessionToken, cors } = await authenticate.admin(request);
  const shop = await db().shop.findUnique({ where: { domain: session.shop } });
  if (!shop || shop.uninstalledAt) throw cors(json({ error: "Shop not installed" }, { status: 404 }));
  // An offline session carries no staff name; the token's `sub` is the staff member's user id.
  return { shop, staff: { id: String(sessionToken?.sub ?? "staff"), name: "Staff" }, cors };
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
