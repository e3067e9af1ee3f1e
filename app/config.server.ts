// Every environment variable the app reads, parsed once. README's table mirrors this file.
import { z } from "zod";

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.string().url().optional())
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().nonnegative().default(3000),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: optionalUrl,
  PGLITE_DIR: z.string().default(".data/pglite"),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z.string().default("threadline"),
  SHOPIFY_API_KEY: z.string().default("threadline-dev-api-key"),
  SHOPIFY_API_SECRET: z.string().default("threadline-dev-api-secret"),
  SHOPIFY_APP_URL: z.string().url().default("http://localhost:3000"),
  SCOPES: z.string().default("read_customers,read_orders,read_fulfillments,read_products,write_app_proxy"),
  ENCRYPTION_KEY: z.string().optional(),
  WEBHOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  BACKFILL_BULK_THRESHOLD: z.coerce.number().int().positive().default(2500),
  // How long a worker's claim on a job lasts without renewal; a job whose worker
  // died is handed to another worker after about this long.
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  CHECKOUT_SWEEP_EVERY_MINUTES: z.coerce.number().int().positive().default(30),
  SHOPIFY_ADMIN_API_BASE_URL: optionalUrl,
  TWILIO_API_BASE_URL: optionalUrl,
  SENDGRID_API_BASE_URL: optionalUrl,
  META_GRAPH_API_BASE_URL: optionalUrl,
  THREADLINE_DEMO: z
    .enum(["0", "1", "true", "false", ""])
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

export type AppConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
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
