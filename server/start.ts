// Production entry: web and workers in one process (`npm start`; on PostgreSQL the workers run on a
// thread of their own, server/app-workers.ts). Run `npm run worker` beside it with START_WORKERS=0
// to split them into processes.
import "dotenv/config";
import { config } from "../app/config.server";
import { assertRedisReachable } from "../app/jobs/connection.server";
import { logger } from "../app/lib/logger.server";
import { exitWithClearError, onShutdown } from "./lifecycle";
import { startWebServer } from "./http.server";

try {
  const settings = config();
  await assertRedisReachable();
  const running: Parameters<typeof onShutdown>[0] = [];
  onShutdown(running);
  if (process.env.START_WORKERS !== "0") {
    const { startAppWorkers } = await import("./app-workers");
    const workers = await startAppWorkers();
    running.push({ name: "workers", close: () => workers.close() });
  }
  const web = await startWebServer({ port: settings.PORT, host: settings.HOST });
  running.push({ name: "web", close: () => web.close() });
  logger.info("threadline ready");
} catch (error) {
  exitWithClearError(error);
}
