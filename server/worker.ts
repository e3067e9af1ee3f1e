// `npm run worker`: the BullMQ workers as their own process.
import "dotenv/config";
import { config } from "../app/config.server";
import { assertRedisReachable } from "../app/jobs/connection.server";
import { exitWithClearError, onShutdown } from "./lifecycle";

try {
  if (!config().DATABASE_URL) {
    throw new Error(
      "The embedded database (PGlite) can be opened by one process only. Set DATABASE_URL to PostgreSQL to run workers in their own process, or use `npm start` / `npm run demo`, which run web and workers together.",
    );
  }
  await assertRedisReachable();
  const running: Parameters<typeof onShutdown>[0] = [];
  onShutdown(running);
  const { startWorkers } = await import("../app/jobs/worker.server");
  const workers = await startWorkers();
  running.push({ name: "workers", close: () => workers.close() });
} catch (error) {
  exitWithClearError(error);
}
