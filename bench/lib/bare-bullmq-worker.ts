// The dispatch baseline: bare BullMQ, one job per message, a worker that makes
// the same Twilio-shaped HTTP POST to the stand-in and nothing else.
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";

const { REDIS_URL = "redis://127.0.0.1:6379", TWILIO_URL, COUNT = "2000", CONCURRENCY = "50" } = process.env;
const count = Number(COUNT);
const prefix = `bench-bare-${process.pid}`;
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue("bare-sends", { connection, prefix });
const auth = `Basic ${Buffer.from("ACbench:token").toString("base64")}`;

let done = 0;
let finished!: () => void;
const allDone = new Promise<void>((resolve) => (finished = resolve));
const started = performance.now();
const worker = new Worker(
  "bare-sends",
  async (job) => {
    const response = await fetch(`${TWILIO_URL}/2010-04-01/Accounts/ACbench/Messages.json`, {
      method: "POST",
      headers: { Authorization: auth, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ To: job.data.to, From: "+15005550006", Body: job.data.body }),
    });
    await response.arrayBuffer();
    if (++done === count) finished();
  },
  { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix, concurrency: Number(CONCURRENCY) },
);
await queue.addBulk(
  Array.from({ length: count }, (_, i) => ({
    name: "send",
    data: { to: `+1415555${String(i).padStart(4, "0")}`, body: `Order #${i} confirmed` },
    opts: { removeOnComplete: true },
  })),
);
await allDone;
const seconds = (performance.now() - started) / 1000;
await worker.close();
await queue.obliterate({ force: true });
await queue.close();
connection.disconnect();
process.stdout.write(JSON.stringify({ messages: count, seconds, perSecond: count / seconds }) + "\n");
process.exit(0);
