import pino from "pino";
import { config } from "../config.server";

const globalForLogger = globalThis as unknown as { threadlineLogger?: pino.Logger };

export const logger: pino.Logger = (globalForLogger.threadlineLogger ??= pino({
  level: config().LOG_LEVEL,
  base: { app: "threadline" },
}));
