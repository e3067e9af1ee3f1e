// Cross-origin writes to /app/* are refused before Remix runs the action (issue 10, item 10): real
// HTTP requests to the real web server (server/http.server.ts and the production build), in demo
// mode (where a forged `?_data=` POST used to write as the demo shop's staff) and outside it.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { DEMO_SHOP_DOMAIN } from "../../app/shopify/demo-shop";
import { sessionStorage } from "../../app/shopify.server";
import { crossOriginWrite, ownOrigins } from "../../server/cross-origin-guard";
import { startWebServer, type WebServer } from "../../server/http.server";
import { createShop } from "../support/factories";

const EVIL = "https://evil.example";
const REFUSED = "Cross-origin request refused";
let web: WebServer;
let base: string;
let shopId: string;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A Remix data request for the saved-reply editor's action, as a browser (or a forged page) sends it. */
function postSavedReply(name: string, headers: Record<string, string>, path = "/app/saved-replies/new") {
  return fetch(`${base}${path}?_data=${encodeURIComponent("routes/app.saved-replies.$id")}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ intent: "save", name, body: "Hello {{ customer.first_name }}" }),
    redirect: "manual",
  });
}

const savedReplies = (name: string) => db().savedReply.count({ where: { shopId, name } });

beforeAll(async () => {
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
  // As the demo runner starts it: its own URL, the demo flag and the runner's marker.
  const port = await freePort();
  process.env.SHOPIFY_APP_URL = `http://localhost:${port}`;
  process.env.THREADLINE_DEMO = "1";
  resetConfigCache();
  markDemoRunner(true);
  web = await startWebServer({ port, host: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
}, 60_000);

afterAll(async () => {
  await web?.close();
  markDemoRunner(false);
  delete process.env.THREADLINE_DEMO;
  resetConfigCache();
});

describe("in demo mode", () => {
  it("GIVEN a page on another origin WHEN it POSTs a saved reply with ?_data= THEN 403 and nothing is written", async () => {
    const res = await postSavedReply("From evil", { Origin: EVIL });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(REFUSED);
    expect(await savedReplies("From evil")).toBe(0);
  });

  it("GIVEN a cross-origin POST carrying a bearer token or spelling the path in upper case THEN still 403", async () => {
    expect((await postSavedReply("Bearer", { Origin: EVIL, Authorization: "Bearer anything" })).status).toBe(403);
    expect((await postSavedReply("Upper", { Origin: EVIL }, "/APP/saved-replies/new")).status).toBe(403);
    expect((await postSavedReply("Opaque", { Origin: "null" })).status).toBe(403);
    expect(await savedReplies("Bearer")).toBe(0);
    expect(await savedReplies("Upper")).toBe(0);
  });

  it("GIVEN no Origin but Sec-Fetch-Site cross-site or a foreign Referer THEN 403", async () => {
    expect((await postSavedReply("Fetch site", { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await postSavedReply("Referer", { Referer: `${EVIL}/attack.html` })).status).toBe(403);
    expect(await savedReplies("Fetch site")).toBe(0);
    expect(await savedReplies("Referer")).toBe(0);
  });

  it("GIVEN the demo's own page (localhost or 127.0.0.1) WHEN it POSTs THEN the saved reply is written", async () => {
    const port = new URL(base).port;
    const own = await postSavedReply("From the demo", { Origin: `http://localhost:${port}` });
    expect(own.status).toBe(204);
    expect(own.headers.get("X-Remix-Redirect")).toBe("/app/saved-replies");
    expect(await savedReplies("From the demo")).toBe(1);
    const loopback = await postSavedReply("From loopback", {
      Origin: `http://127.0.0.1:${port}`,
      "Sec-Fetch-Site": "same-origin",
    });
    expect(loopback.status).toBe(204);
    expect(await savedReplies("From loopback")).toBe(1);
  });

  it("GIVEN the demo reached by a loopback name THEN that origin is its own; a rebound DNS name never is", () => {
    expect(ownOrigins("127.0.0.1:5555").has("http://127.0.0.1:5555")).toBe(true);
    expect(ownOrigins("LOCALHOST:5555").has("http://localhost:5555")).toBe(true);
    expect(ownOrigins("rebound.evil.example:5555").has("http://rebound.evil.example:5555")).toBe(false);
  });
});

describe("outside demo mode", () => {
  beforeAll(() => {
    markDemoRunner(false);
    delete process.env.THREADLINE_DEMO;
    process.env.SHOPIFY_APP_URL = "https://threadline.example.com";
    resetConfigCache();
  });

  it("GIVEN a page on another origin WHEN it POSTs to an admin action THEN 403 before Remix runs", async () => {
    const res = await postSavedReply("Not demo", { Origin: EVIL });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(REFUSED);
    // Loopback names are the demo's only: outside it they are foreign too.
    const port = new URL(base).port;
    expect((await postSavedReply("Not demo", { Origin: `http://localhost:${port}` })).status).toBe(403);
    expect(await savedReplies("Not demo")).toBe(0);
  });

  it("GIVEN the app's own origin (the embedded admin's iframe) WHEN it POSTs THEN the guard lets it through to authentication", async () => {
    const res = await postSavedReply("Own origin", {
      Origin: "https://threadline.example.com",
      Authorization: "Bearer not-a-valid-token",
    });
    expect(await res.text()).not.toBe(REFUSED);
    expect(await savedReplies("Own origin")).toBe(0);
  });
});

describe("crossOriginWrite", () => {
  const own = new Set(["https://threadline.example.com"]);
  const facts = (method: string, path: string, headers: Record<string, string> = {}) => ({ method, path, headers });

  it("judges only writes to /app and below", () => {
    expect(crossOriginWrite(facts("GET", "/app/inbox", { origin: EVIL }), own)).toBeNull();
    expect(crossOriginWrite(facts("POST", "/webhooks/twilio/inbound/x", { origin: EVIL }), own)).toBeNull();
    expect(
      crossOriginWrite(facts("POST", "/api/extension/order/1", { origin: "https://admin.shopify.com" }), own),
    ).toBeNull();
    expect(crossOriginWrite(facts("POST", "/apps/threadline/chat/messages", { origin: EVIL }), own)).toBeNull();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"])
      expect(crossOriginWrite(facts(method, "/app", { origin: EVIL }), own)).toBe(`Origin ${EVIL}`);
    expect(crossOriginWrite(facts("POST", "/%61pp/flows", { origin: EVIL }), own)).toBe(`Origin ${EVIL}`);
    expect(crossOriginWrite(facts("POST", "//app/flows", { origin: EVIL }), own)).toBe(`Origin ${EVIL}`);
  });

  it("trusts Origin first, then Sec-Fetch-Site, then Referer; a request with none is not from a page", () => {
    expect(crossOriginWrite(facts("POST", "/app/flows", { origin: "https://threadline.example.com" }), own)).toBeNull();
    expect(crossOriginWrite(facts("POST", "/app/flows", { "sec-fetch-site": "same-site" }), own)).toBe(
      "Sec-Fetch-Site same-site",
    );
    expect(crossOriginWrite(facts("POST", "/app/flows", { "sec-fetch-site": "same-origin" }), own)).toBeNull();
    expect(
      crossOriginWrite(facts("POST", "/app/flows", { referer: "https://threadline.example.com/app" }), own),
    ).toBeNull();
    expect(crossOriginWrite(facts("POST", "/app/flows", { referer: "not a url" }), own)).toBe("Referer unreadable");
    expect(crossOriginWrite(facts("POST", "/app/flows"), own)).toBeNull();
  });
});
