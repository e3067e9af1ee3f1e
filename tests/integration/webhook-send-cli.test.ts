// `npm run webhook:send` as a person runs it: spawned from a project folder whose
// .env says PORT=3000 while the demo runs elsewhere, against a tiny HTTP server
// that records what arrives. The README's own example must reach the running demo
// with timestamps fresh enough for cart recovery to act on.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { writeDemoUrl } from "../../scripts/demo/demo-url";
import { createShop } from "../support/factories";
import { deliverAndProcess } from "../support/shopify-webhook";
import { enableFlows } from "./flows-engine-support";

const ROOT = resolve(".");
const FIXTURE = join(ROOT, "tests/fixtures/webhooks/checkouts-create.json");
const SECRET = "webhook-send-test-secret";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

let server: Server;
let serverUrl: string;
let received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body, path: req.url ?? "" });
      res.writeHead(200, { "Content-Type": "text/plain" }).end("accepted");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  serverUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

beforeEach(() => {
  received = [];
});

/** A project folder as `npm run demo` leaves it: .env from .env.example (PORT=3000), maybe the demo's URL. */
function projectFolder(demoUrl?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "threadline-webhook-send-"));
  writeFileSync(join(dir, ".env"), `PORT=3000\nSHOPIFY_API_SECRET=${SECRET}\n`);
  if (demoUrl) {
    mkdirSync(join(dir, ".data"));
    writeDemoUrl(demoUrl, join(dir, ".data", "demo-url"));
  }
  return dir;
}

function webhookSend(cwd: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "scripts/send-webhook.ts"), ...args],
      {
        cwd,
        env: { NODE_ENV: "development", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => done({ code, stdout, stderr }));
  });
}

const lines = (text: string) => text.split("\n").filter((l) => l.trim());

describe("webhook:send finds the running demo", () => {
  it("GIVEN the demo wrote its URL (another port than .env's 3000) WHEN webhook:send runs without a URL THEN that demo receives the signed webhook", async () => {
    const cwd = projectFolder(serverUrl);

    const result = await webhookSend(cwd, ["checkouts/create", FIXTURE]);

    expect(result.code).toBe(0);
    expect(received).toHaveLength(1);
    const [hit] = received;
    expect(hit.path).toBe("/webhooks");
    expect(hit.headers["x-shopify-topic"]).toBe("checkouts/create");
    expect(hit.headers["x-shopify-hmac-sha256"]).toBe(createHmac("sha256", SECRET).update(hit.body).digest("base64"));
    expect(result.stdout).toContain("200 OK accepted");
  });

  it("GIVEN a URL argument WHEN webhook:send runs THEN the argument wins over the demo's URL", async () => {
    const cwd = projectFolder("http://localhost:1");

    const result = await webhookSend(cwd, [
      "orders/create",
      join(ROOT, "tests/fixtures/webhooks/orders-create.json"),
      `${serverUrl}/webhooks`,
    ]);

    expect(result.code).toBe(0);
    expect(received.map((r) => r.headers["x-shopify-topic"])).toEqual(["orders/create"]);
  });
});

describe("webhook:send sends fixtures fresh", () => {
  it("GIVEN the README's checkouts/create fixture, weeks old WHEN sent THEN its newest timestamp is now and the others keep their distance", async () => {
    const original = JSON.parse(readFileSync(FIXTURE, "utf8"));
    const before = Date.now();

    await webhookSend(projectFolder(serverUrl), ["checkouts/create", FIXTURE]);

    const sent = JSON.parse(received[0].body);
    const updatedAt = Date.parse(sent.updated_at);
    expect(updatedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(updatedAt).toBeLessThanOrEqual(Date.now());
    const gap = (o: { updated_at: string; customer: { created_at: string } }) =>
      Date.parse(o.updated_at) - Date.parse(o.customer.created_at);
    expect(gap(sent)).toBe(gap(original));
    expect(sent.updated_at).toMatch(/-05:00$/); // written in the fixture's own zone
    expect({ ...sent, updated_at: 0, created_at: 0, customer: null }).toEqual({
      ...original,
      updated_at: 0,
      created_at: 0,
      customer: null,
    });
  });

  it("GIVEN --keep-dates WHEN sent THEN the body is the file byte for byte", async () => {
    await webhookSend(projectFolder(serverUrl), ["checkouts/create", FIXTURE, "--keep-dates"]);

    expect(received[0].body).toBe(readFileSync(FIXTURE, "utf8"));
  });

  it("GIVEN cart recovery on WHEN the README's example is sent THEN a cart-recovery run starts for that checkout", async () => {
    const shop = await createShop();
    await enableFlows(shop.id, ["CART_RECOVERY"]);
    await webhookSend(projectFolder(serverUrl), ["checkouts/create", FIXTURE]);

    // What webhook:send sent, delivered through the real intake and processing.
    await deliverAndProcess("checkouts/create", received[0].body);

    const token = JSON.parse(received[0].body).token as string;
    const run = await db().flowRun.findFirst({ where: { shopId: shop.id, triggerKey: token } });
    expect(run?.status).toBe("ACTIVE");
  });
});

describe("webhook:send says what went wrong in one line", () => {
  it("GIVEN a file that does not exist WHEN sent THEN one line names it and the exit code is 2", async () => {
    const result = await webhookSend(projectFolder(serverUrl), ["checkouts/create", "no-such-payload.json"]);

    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual(["webhook:send: no such file: no-such-payload.json"]);
    expect(received).toEqual([]);
  });

  it("GIVEN an unknown topic WHEN sent THEN one line says how to list valid topics and the exit code is 2", async () => {
    const result = await webhookSend(projectFolder(serverUrl), ["checkout/created", FIXTURE]);

    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain('unknown topic "checkout/created"');
    expect(result.stderr).toContain("npm run webhook:send -- --topics");
    expect(received).toEqual([]);

    const topics = await webhookSend(projectFolder(), ["--topics"]);
    expect(lines(topics.stdout)).toContain("checkouts/create");
  });

  it("GIVEN nothing listens at the URL WHEN sent THEN one line names the URL tried and the exit code is 1", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((done) => closed.close(done));

    const result = await webhookSend(projectFolder(deadUrl), ["checkouts/create", FIXTURE]);

    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain(`nothing answered at ${deadUrl}/webhooks`);
  });
});
