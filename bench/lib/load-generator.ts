// A separate process that sends signed Shopify webhooks to a URL and reports
// what it saw as one JSON line on stdout. Two modes:
//   max:    `concurrency` requests in flight until `count` are done (throughput)
//   steady: an open-loop schedule of `rate` requests per second for `durationMs`
//           (latency at a fixed load; a slow server cannot slow the schedule down)
import { createHmac, randomUUID } from "node:crypto";
import { Agent, setGlobalDispatcher } from "undici";

interface LoadSpec {
  url: string;
  secret: string;
  shopDomain: string;
  topic: string;
  /** JSON template: "__N__" becomes the request's sequence number, "__P4__" the same zero-padded to 4 digits. */
  payloadTemplate: string;
  mode: "max" | "steady";
  concurrency?: number;
  count?: number;
  rate?: number;
  durationMs?: number;
  /** The first request's sequence number is firstSequence + 1 (distinct orders across several runs). */
  firstSequence?: number;
}

const spec = JSON.parse(process.env.LOAD_SPEC ?? "{}") as LoadSpec;
setGlobalDispatcher(new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 }));

let sequence = spec.firstSequence ?? 0;
async function sendOne(): Promise<{ ms: number; status: number }> {
  const n = ++sequence;
  const body = spec.payloadTemplate
    .replaceAll("__N__", String(n))
    .replaceAll("__P4__", String(n % 10_000).padStart(4, "0"));
  const started = performance.now();
  const response = await fetch(spec.url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": spec.topic,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", spec.secret).update(body).digest("base64"),
      "X-Shopify-Shop-Domain": spec.shopDomain,
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": "2026-10",
    },
    body,
  });
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runMax() {
  const count = spec.count ?? 5000;
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: spec.concurrency ?? 64 }, async () => {
      while (next < count) {
        next++;
        const { ms, status } = await sendOne().catch(() => ({ ms: 0, status: 0 }));
        if (status !== 200) errors++;
        latencies.push(ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { requests: count, errors, seconds, perSecond: count / seconds, latencies };
}

async function runSteady() {
  const rate = spec.rate ?? 500;
  const durationMs = spec.durationMs ?? 10_000;
  const total = Math.round((rate * durationMs) / 1000);
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      sendOne()
        .then(({ ms, status }) => {
          latencies.push(ms);
          if (status !== 200) errors++;
        })
        .catch(() => {
          errors++;
        }),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  return { requests: total, errors, seconds, perSecond: total / seconds, latencies };
}

const result = spec.mode === "steady" ? await runSteady() : await runMax();
const sorted = result.latencies.sort((a, b) => a - b);
process.stdout.write(
  JSON.stringify({
    requests: result.requests,
    errors: result.errors,
    seconds: result.seconds,
    perSecond: result.perSecond,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  }) + "\n",
);
