// Production entry: web and workers in one process (`npm start`). Run
// `npm run worker` beside it with START_WORKERS=0 to split them.
import "dotenv/config";
import { config } from "../app/config.server";
import { assertRedisReachable } from "../app/jobs/connection.server";
import { exitWithClearError, onShutdown } from "./lifecycle";
import { startWebServer } from "./http.server";

try {
  const settings = config();
  await assertRedisReachable();
  const { startWorkers } = await import("../app/jobs/worker.server");
  const workers = process.env.START_WORKERS === "0" ? undefined : await startWorkers();
  const web = await startWebServer({ port: settings.PORT, host: settings.HOST });
  onShutdown([
    { name: "web", close: () => web.close() },
    ...(workers ? [{ name: "workers", close: () => workers.close() }] : []),
  ]);
} catch (error) {
  exitWithClearError(error);
}
