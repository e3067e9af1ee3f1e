// The BullMQ workers on a thread of their own inside the web process (server/app-workers.ts), so
// that processing never holds the event loop that answers Shopify's webhooks. The parent posts
// "close" to shut down; the thread answers "closed" once its jobs are finished and its connections
// are closed.
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { disconnectDb } from "../app/db/client.server";
import { closeQueues } from "../app/jobs/enqueue.server";
import { followIntakeSignal } from "../app/jobs/intake-priority.server";
import { startWorkers } from "../app/jobs/worker.server";

const WORKER_THREAD_NICE = 10;
const port = parentPort;
if (!port) throw new Error("server/worker-thread.ts runs as a worker thread (server/app-workers.ts starts it)");

// Below the web thread for the CPU: on Linux a thread's nice value is its own (setpriority on
// "this process" from a thread sets the calling thread), so answering webhooks wins a contended core.
try {
  setPriority(0, WORKER_THREAD_NICE);
} catch {
  // Not permitted here (some containers): the intake signal still holds processing back.
}
followIntakeSignal((workerData as { intakeSignal: SharedArrayBuffer }).intakeSignal);
const workers = await startWorkers();
port.on("message", (message: unknown) => {
  if (message !== "close") return;
  void (async () => {
    await workers.close();
    await closeQueues();
    await disconnectDb();
    port.postMessage("closed");
  })();
});
port.postMessage("ready");
