// Graceful shutdown: on SIGTERM/SIGINT stop taking requests, let workers finish
// the jobs they hold, then close queues and the database, in that order.
import { disconnectDb } from "../app/db/client.server";
import { closeChatRateLimiter } from "../app/chat/rate-limit.server";
import { closeQueues } from "../app/jobs/enqueue.server";
import { logger } from "../app/lib/logger.server";

type Closer = { name: string; close: () => Promise<unknown> };

/**
 * Registers the handlers at once; callers push closers as parts start. Parts
 * close in reverse start order, so the web server stops taking requests first.
 */
export function onShutdown(closers: Closer[], exit: (code: number) => void = (code) => process.exit(code)) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    for (const closer of [...closers].reverse()) {
      try {
        await closer.close();
      } catch (error) {
        logger.error({ err: (error as Error).message, part: closer.name }, "error while shutting down");
      }
    }
    await closeQueues();
    await closeChatRateLimiter();
    await disconnectDb();
    logger.info("stopped");
    exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  return stop;
}

/** Prints one clear line for the errors a person can fix (Redis down, bad env) instead of a stack. */
export function exitWithClearError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof Error && /REDIS_URL|Invalid environment|PGlite|production|build/.test(message);
  console.error(`threadline: ${message}`);
  if (!known && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
}
