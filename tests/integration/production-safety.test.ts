// Production refuses to start unsafe (no or malformed ENCRYPTION_KEY, demo mode switched on), and
// demo sign-in needs the demo runner itself, never THREADLINE_DEMO alone (issue 10, item 4).
import { spawn } from "node:child_process";
import { createServer, connect } from "node:net";
import type { AddressInfo } from "node:net";
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { DEMO_SHOP_DOMAIN } from "../../app/shopify/demo-shop";
import { sessionStorage } from "../../app/shopify.server";
import { createShop } from "../support/factories";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = { loader?: (a: RouteArgs) => Promise<Response>; action?: (a: RouteArgs) => Promise<Response> };

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** Runs an entry point and polls its port for as long as it lives. */
async function start(script: string, env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", script], {
    env: { ...process.env, LOG_LEVEL: "info", PORT: String(port), HOST: "127.0.0.1", START_WORKERS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: a regression that starts serving is killed whole (tsx runs a child).
    detached: true,
  });
  const guard = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 20_000);
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(guard);
      exited = true;
      resolve(code);
    }),
  );
  let answered = false;
  while (!exited) {
    if (await answers(port)) answered = true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { code: await exit, stderr, answered };
}

const VALID_KEY = "b".repeat(64);

describe("NODE_ENV=production refuses to start unsafe", () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    [
      "no ENCRYPTION_KEY",
      { ENCRYPTION_KEY: "" },
      /^threadline: Invalid environment: ENCRYPTION_KEY: is required when NODE_ENV=production \(32 bytes/,
    ],
    [
      "a malformed ENCRYPTION_KEY",
      { ENCRYPTION_KEY: "not-a-key" },
      /^threadline: Invalid environment: ENCRYPTION_KEY: must be 32 bytes, given as 64 hex characters or base64$/,
    ],
    [
      "the development SHOPIFY_API_SECRET",
      { ENCRYPTION_KEY: VALID_KEY, SHOPIFY_API_SECRET: "threadline-dev-api-secret" },
      /^threadline: Invalid environment: SHOPIFY_API_SECRET: is the public development default; set your app's client secret$/,
    ],
    [
      "THREADLINE_DEMO=1",
      { ENCRYPTION_KEY: VALID_KEY, THREADLINE_DEMO: "1" },
      /^threadline: Invalid environment: THREADLINE_DEMO: demo mode signs in without Shopify and is refused when NODE_ENV=production; unset it$/,
    ],
  ];
  for (const script of ["server/start.ts", "server/worker.ts"]) {
    it.each(cases)(
      `GIVEN %s WHEN ${script} starts THEN one clear line on stderr, exit 1, and the port never answers`,
      async (_label, env, line) => {
        const result = await start(script, { NODE_ENV: "production", ...env });
        expect(result.code).toBe(1);
        const lines = result.stderr.trim().split("\n");
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(line);
        expect(result.answered).toBe(false);
      },
      30_000,
    );
  }
});

describe("demo sign-in needs the demo runner", () => {
  const customers = () => import("../../app/routes/app.customers._index") as Promise<RouteModule>;
  const savedReply = () => import("../../app/routes/app.saved-replies.$id") as Promise<RouteModule>;
  const run = async (fn: () => Promise<Response>) => {
    try {
      return await fn();
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };
  const listCustomers = async (base = "http://127.0.0.1:3999") =>
    run(async () =>
      (await customers()).loader!({ request: new Request(`${base}/app/customers`), params: {}, context: {} }),
    );
  const writeSavedReply = async (name: string) =>
    run(async () =>
      (await savedReply()).action!({
        request: new Request("http://127.0.0.1:3999/app/saved-replies/new", {
          method: "POST",
          body: new URLSearchParams({ intent: "save", name, body: "Written without signing in" }),
        }),
        params: { id: "new" },
        context: {},
      }),
    );
  let shopId: string;

  beforeAll(async () => {
    // The demo shop installed as `npm run demo` installs it, with a customer to show.
    shopId = (await createShop({ domain: DEMO_SHOP_DOMAIN })).id;
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${DEMO_SHOP_DOMAIN}`,
        shop: DEMO_SHOP_DOMAIN,
        state: "demo",
        isOnline: false,
        accessToken: "shpat_demo",
      }),
    );
    await db().customer.create({ data: { shopId, firstName: "Demo", lastName: "Shopper", email: "demo@example.com" } });
    process.env.THREADLINE_DEMO = "1";
    resetConfigCache();
  });
  afterAll(() => {
    markDemoRunner(false);
    delete process.env.THREADLINE_DEMO;
    resetConfigCache();
  });

  it("GIVEN THREADLINE_DEMO=1 but no demo runner WHEN /app/customers is loaded or a saved reply posted THEN Shopify auth is required and nothing is shown or written", async () => {
    markDemoRunner(false);
    const list = await listCustomers();
    expect(list.status).not.toBe(200);
    expect([302, 401, 410]).toContain(list.status);
    expect(await list.text()).not.toContain("Shopper");
    const write = await writeSavedReply("Unauthenticated");
    expect([302, 401, 410]).toContain(write.status);
    expect(await db().savedReply.count({ where: { shopId } })).toBe(0);
  });

  it("GIVEN the demo runner's marker WHEN a loopback request asks THEN the demo shop's staff are signed in", async () => {
    markDemoRunner(true);
    const list = await listCustomers();
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("Shopper");
  });

  it("GIVEN the demo runner's marker WHEN the request names another host (DNS rebinding) THEN no demo sign-in", async () => {
    markDemoRunner(true);
    const list = await listCustomers("http://rebound.evil.example:3999");
    expect(list.status).not.toBe(200);
    expect(await list.text()).not.toContain("Shopper");
  });
});
