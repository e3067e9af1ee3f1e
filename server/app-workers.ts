// Where `npm start` and the demo run their BullMQ workers. On PostgreSQL: a worker thread of the
// same process (WORKERS_THREAD=0 keeps them on the main thread), so the main thread's event loop
// is free for HTTP, and webhook intake keeps its answer times while the backlog is processed
// (docs/decisions/0052-workers-on-their-own-thread.md). On PGlite: the main thread, since the
// embedded database lives in one thread; intake is put first there by app/jobs/intake-priority.
import { SHARE_ENV, Worker } from "node:worker_threads";
import { config } from "../app/config.server";
import { logger } from "../app/lib/logger.server";
import { intakePriority } from "../app/jobs/intake-priority.server";

export interface RunningWorkers {
  close(): Promise<void>;
}

export function workersOnOwnThread(): boolean {
  return !!config().DATABASE_URL && process.env.WORKERS_THREAD !== "0";
}

function startWorkersInThread(): Promise<RunningWorkers> {
  // The thread inherits this process's flags (tsx's loader included) and shares its environment.
  // Intake's state is shared so that processing still gives way while webhooks arrive: the two
  // threads share the cores, PostgreSQL and Redis (app/jobs/intake-priority.server.ts).
  const thread = new Worker(new URL("./worker-thread-entry.mjs", import.meta.url), {
    env: SHARE_ENV,
    workerData: { intakeSignal: intakePriority().signal.buffer },
  });
  let closing = false;
  thread.on("exit", (code) => {
    if (closing) return;
    // Jobs would stop without a word: let the supervisor restart the whole process instead.
    logger.fatal({ code }, "the worker thread stopped; exiting");
    process.exit(1);
  });
  return new Promise((resolve, reject) => {
    thread.once("error", reject);
    thread.once("message", (message) => {
      if (message !== "ready") return reject(new Error(`worker thread: unexpected ${String(message)}`));
      thread.off("error", reject);
      thread.on("error", (error) => logger.error({ err: error.message }, "worker thread error"));
      resolve({
        close: () =>
          new Promise<void>((done) => {
            closing = true;
            thread.once("message", () => void thread.terminate().then(() => done()));
            thread.postMessage("close");
          }),
      });
    });
  });
}

export async function startAppWorkers(): Promise<RunningWorkers> {
  if (workersOnOwnThread()) return startWorkersInThread();
  const { startWorkers } = await import("../app/jobs/worker.server");
  return startWorkers();
}
