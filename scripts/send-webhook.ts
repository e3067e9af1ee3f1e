// Sends a webhook to a running Threadline exactly as Shopify would: signed with
// SHOPIFY_API_SECRET, with every X-Shopify-* header.
// usage: npm run webhook:send -- <topic> <payload.json> [url]
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import dotenv from "dotenv";

dotenv.config({ quiet: true });
const [topic, file, url = `http://localhost:${process.env.PORT ?? 3000}/webhooks`] = process.argv.slice(2);
if (!topic || !file) {
  console.error("usage: npm run webhook:send -- <topic> <payload.json> [url]");
  process.exit(2);
}
const body = readFileSync(file, "utf8");
const secret = process.env.SHOPIFY_API_SECRET ?? "threadline-dev-api-secret";
const response = await fetch(url, {
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
});
console.log(`${response.status} ${response.statusText} ${await response.text()}`);
