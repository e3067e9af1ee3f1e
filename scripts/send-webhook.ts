// Sends a webhook to a running Threadline exactly as Shopify would: signed with
// SHOPIFY_API_SECRET, with every X-Shopify-* header.
// usage: npm run webhook:send -- <topic> <payload.json> [url] [--keep-dates]
// Exit codes: 0 accepted (2xx), 1 the app refused it or is not running, 2 bad arguments.
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import dotenv from "dotenv";
import { KNOWN_TOPICS, normaliseTopic } from "../app/webhooks/known-topics";
import { freshenTimestamps } from "./webhook/fresh-timestamps";
import { webhookTarget } from "./webhook/target-url";

const USAGE = "usage: npm run webhook:send -- <topic> <payload.json> [url] [--keep-dates]   (--topics lists topics)";

function fail(code: 1 | 2, line: string): never {
  console.error(`webhook:send: ${line}`);
  process.exit(code);
}

dotenv.config({ quiet: true });
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")));
const [topicArg, file, explicitUrl] = args.filter((a) => !a.startsWith("--"));

if (flags.has("--topics")) {
  console.log(KNOWN_TOPICS.join("\n"));
  process.exit(0);
}
if (flags.has("--help") || !topicArg || !file) fail(2, USAGE);
const unknownFlag = [...flags].find((f) => f !== "--keep-dates");
if (unknownFlag) fail(2, `unknown option ${unknownFlag}; ${USAGE}`);

const topic = normaliseTopic(topicArg);
if (!topic)
  fail(2, `unknown topic "${topicArg}"; \`npm run webhook:send -- --topics\` lists the topics Threadline accepts`);
if (!existsSync(file)) fail(2, `no such file: ${file}`);
const raw = readFileSync(file, "utf8");
try {
  JSON.parse(raw);
} catch (error) {
  fail(2, `${file} is not valid JSON (${(error as Error).message})`);
}

const { body, moved } = flags.has("--keep-dates") ? { body: raw, moved: 0 } : freshenTimestamps(raw);

const target = webhookTarget(explicitUrl, { PORT: process.env.PORT });
const secret = process.env.SHOPIFY_API_SECRET ?? "threadline-dev-api-secret";
let response: Response;
try {
  response = await fetch(target.url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(body).digest("base64"),
      "X-Shopify-Shop-Domain": process.env.WEBHOOK_SHOP ?? "threadline-demo.myshopify.com",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": process.env.WEBHOOK_EVENT_ID ?? randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": "2026-10",
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
} catch (error) {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  fail(
    1,
    `nothing answered at ${target.url} (${target.source}; ${reason}). Is the app running? Start it with \`npm run demo\`, or pass its URL after the file.`,
  );
}
const line = `${response.status} ${response.statusText} ${await response.text()}`;
if (!response.ok) fail(1, `${target.url} answered ${line}`);
console.log(line);
if (moved > 0) console.log(`(moved ${moved} timestamps so the newest is now; --keep-dates sends them as written)`);
