// Calling an embedded admin route's action the way the demo admin does: demo mode signed in as
// the demo runner, with the shop's offline session stored, so requireAdmin lets the request in.
// Shared by the settings and import route tests instead of a copy in each.
import { resetConfigCache } from "../../app/config.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { TEST_SHOP_DOMAIN } from "./shopify-webhook";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
export type AdminRouteModule = { action: (args: RouteArgs) => Promise<Response> };

const BASE = "http://127.0.0.1:3999";

/** Demo sign-in plus the shop's offline session; undo with `signOutDemoAdmin` in afterAll. */
export async function signInDemoAdmin(): Promise<void> {
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  markDemoRunner();
  resetConfigCache();
  const [{ Session }, { sessionStorage }] = await Promise.all([
    import("@shopify/shopify-api"),
    import("../../app/shopify.server"),
  ]);
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${TEST_SHOP_DOMAIN}`,
      shop: TEST_SHOP_DOMAIN,
      state: "t",
      isOnline: false,
      accessToken: "shpat_test",
    }),
  );
}

export function signOutDemoAdmin(): void {
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
}

/** POSTs `body` (a form or URL-encoded fields) to the route module's action at `path`. */
export async function postToAdminRoute(
  load: () => Promise<unknown>,
  path: string,
  body: FormData | Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const route = (await load()) as AdminRouteModule;
  const res = await route.action({
    request: new Request(`${BASE}${path}`, {
      method: "POST",
      body: body instanceof FormData ? body : new URLSearchParams(body),
    }),
    params: {},
    context: {},
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
