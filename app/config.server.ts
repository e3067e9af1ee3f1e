// Every environment variable the app reads, parsed once. README's table mirrors this file.
import { z } from "zod";
import { decodeEncryptionKey, ENCRYPTION_KEY_FORMAT } from "./lib/encryption-key";
import { queuePrefixFor, redisUrlSchema } from "./jobs/redis-url";

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.string().url().optional())
  .optional();

// Public in this repository: fine for the demo and tests, forgeable webhooks and session tokens in production.
const DEV_API_SECRET = "threadline-dev-api-secret";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().nonnegative().default(3000),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: optionalUrl,
  PGLITE_DIR: z.string().default(".data/pglite"),
  // redis://, rediss://, redis-sentinel://…/<master> or redis-cluster://… (app/jobs/redis-url.ts).
  REDIS_URL: redisUrlSchema.default("redis://127.0.0.1:6379"),
  // On a cluster URL it gains a hash tag ("{threadline}") unless it has one: see loadConfig.
  QUEUE_PREFIX: z.string().default("threadline"),
  SHOPIFY_API_KEY: z.string().default("threadline-dev-api-key"),
  SHOPIFY_API_SECRET: z.string().default(DEV_API_SECRET),
  SHOPIFY_APP_URL: z.string().url().default("http://localhost:3000"),
  SCOPES: z
    .string()
    .default(
      "read_customers,write_customers,read_orders,read_fulfillments,read_products,read_legal_policies,write_app_proxy,write_pixels,read_customer_events,write_discounts",
    ),
  ENCRYPTION_KEY: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  WEBHOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  // off: webhook intake queues behind in-process jobs like any other work (only to measure what
  // docs/decisions/0048-intake-before-processing.md buys; on in every real deployment).
  INTAKE_PRIORITY: z.enum(["on", "off"]).default("on"),
  BACKFILL_BULK_THRESHOLD: z.coerce.number().int().positive().default(2500),
  // How long a worker's claim on a job lasts without renewal; a job whose worker
  // died is handed to another worker after about this long.
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  // A send interrupted by a crash is looked up at Twilio only once this long has passed since its
  // attempt, so a request still in flight (Twilio's client gives up after 30 s) lands first.
  SEND_RECOVERY_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
  // How often the reconciler rebuilds jobs from the database (app/jobs/reconciler.server.ts): the
  // longest a claimed send whose worker died waits before another worker takes it up.
  RECONCILE_EVERY_MS: z.coerce.number().int().min(1000).default(60_000),
  CHECKOUT_SWEEP_EVERY_MINUTES: z.coerce.number().int().positive().default(30),
  LIFECYCLE_SWEEP_EVERY_MINUTES: z.coerce.number().int().positive().default(5),
  // Processed webhook receipts keep Shopify's payload this long, then only the row (for de-duplication) stays.
  WEBHOOK_PAYLOAD_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
  SHOPIFY_ADMIN_API_BASE_URL: optionalUrl,
  TWILIO_API_BASE_URL: optionalUrl,
  SENDGRID_API_BASE_URL: optionalUrl,
  META_GRAPH_API_BASE_URL: optionalUrl,
  // Sends every OpenAI-format language-model call (providers openai and openai_compatible) here
  // instead of the shop's own endpoint: the tests' and the demo's stand-in (tests/fakes/openai.ts).
  OPENAI_API_BASE_URL: optionalUrl,
  // Storefront chat flood limits (app/chat/chat-admission.server.ts): new anonymous chats per shop.
  CHAT_NEW_CHATS_PER_SHOP_PER_MINUTE: z.coerce.number().int().positive().default(20),
  CHAT_NEW_CHATS_PER_SHOP_PER_HOUR: z.coerce.number().int().positive().default(200),
  // Unset: the leftmost X-Forwarded-For entry (what Shopify's app proxy wrote) is the shopper's
  // address. N: the entry N places left of the last (N proxies of your own append after Shopify).
  FORWARDED_FOR_TRUSTED_HOPS: z.coerce.number().int().min(0).max(10).optional(),
  THREADLINE_DEMO: z
    .enum(["0", "1", "true", "false", ""])
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

// Production refuses to start rather than run unsafe: without a real key secrets at rest would be
// sealed with one derived from a known default, with the default API secret anyone could sign
// webhooks and session tokens, and demo mode signs anyone in without Shopify. Decision 0024.
const checked = schema.superRefine((env, ctx) => {
  if (env.ENCRYPTION_KEY !== undefined && !decodeEncryptionKey(env.ENCRYPTION_KEY)) {
    ctx.addIssue({ code: "custom", path: ["ENCRYPTION_KEY"], message: `must be ${ENCRYPTION_KEY_FORMAT}` });
  }
  if (env.NODE_ENV !== "production") return;
  if (env.ENCRYPTION_KEY === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["ENCRYPTION_KEY"],
      message: `is required when NODE_ENV=production (${ENCRYPTION_KEY_FORMAT})`,
    });
  }
  if (env.SHOPIFY_API_SECRET === DEV_API_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["SHOPIFY_API_SECRET"],
      message: "is the public development default; set your app's client secret",
    });
  }
  if (env.THREADLINE_DEMO) {
    ctx.addIssue({
      code: "custom",
      path: ["THREADLINE_DEMO"],
      message: "demo mode signs in without Shopify and is refused when NODE_ENV=production; unset it",
    });
  }
});

export type AppConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = checked.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  // BullMQ's multi-key scripts need every key of ours in one cluster slot (decision 0047).
  return { ...parsed.data, QUEUE_PREFIX: queuePrefixFor(parsed.data.REDIS_URL, parsed.data.QUEUE_PREFIX) };
}

let cached: AppConfig | undefined;
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

/** For tests that change process.env between cases. */
export function resetConfigCache() {
  cached = undefined;
}
