import pino from "pino";

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

const globalForLogger = globalThis as unknown as { threadlineLogger?: pino.Logger };

// Reads LOG_LEVEL itself rather than through config(), so that an invalid
// environment can still be reported through a working logger.
const level = LEVELS.has(process.env.LOG_LEVEL ?? "") ? process.env.LOG_LEVEL! : "info";

export const logger: pino.Logger = (globalForLogger.threadlineLogger ??= pino({ level, base: { app: "threadline" } }));
