// Every admin route starts here: it authenticates the request and resolves the
// shop it may touch. Under `npm run demo` there is no Shopify admin around the app, so
// the demo shop's offline session stands in for the embedded session token
// (demo-sign-in.server.ts says when: never from THREADLINE_DEMO alone).
import type { Session } from "@shopify/shopify-api";
import { db } from "../db/client.server";
import type { Shop } from "../generated/prisma/client";
import { authenticate, sessionStorage } from "../shopify.server";
import { identifyStaff, rawSessionToken, recordStaffSeen } from "../staff/identify.server";
import { DEMO_SHOP_DOMAIN } from "./demo-shop";
import { demoSignInAllowed } from "./demo-sign-in.server";

export interface StaffMember {
  id: string;
  name: string;
}

export interface AdminContext {
  shop: Shop;
  session: Session;
  staff: StaffMember;
  demo: boolean;
}

async function demoContext(): Promise<AdminContext> {
  const session = await sessionStorage.loadSession(`offline_${DEMO_SHOP_DOMAIN}`);
  const shop = await db().shop.findUnique({ where: { domain: DEMO_SHOP_DOMAIN } });
  if (!session || !shop) {
    throw new Response("The demo shop is not installed yet. Start the app with `npm run demo`.", { status: 503 });
  }
  // The demo has no Shopify user: one fixed person, with a StaffMember row like anyone else.
  const staff = { id: "demo-staff", name: "Demo Staff" };
  await recordStaffSeen(shop.id, staff.id, { name: staff.name, email: null });
  return { shop, session, staff, demo: true };
}

export async function requireAdmin(request: Request): Promise<AdminContext> {
  if (demoSignInAllowed(request)) return demoContext();
  const { session, sessionToken } = await authenticate.admin(request);
  const shop = await db().shop.findUnique({ where: { domain: session.shop } });
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  const userId = String(sessionToken?.sub ?? session.onlineAccessInfo?.associated_user.id ?? "staff");
  // The name comes from the user's online access token (app/staff/identify.server.ts).
  const staff = await identifyStaff({
    shopId: shop.id,
    shopDomain: shop.domain,
    userId,
    sessionToken: rawSessionToken(request),
  });
  return { shop, session, staff, demo: false };
}
