// The dispatch baseline: bare BullMQ, one job per message, a worker that makes
// the same Twilio-shaped HTTP POST to the stand-in and nothing else. HTTP_CLIENT=node makes the
// POST with node:http and a keep-alive agent (about a third of fetch's CPU per request) instead of fetch;
// HTTP_CLIENT=sdk makes it as the app does: twilio-node's messages.create through the app's client
// (app/channels/twilio/http-client.server.ts), with the same status callback parameter.
import http from "node:http";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { cpuMicrosPerMessage, machineBusySeconds } from "./machine-cpu";

const {
  REDIS_URL = "redis://127.0.0.1:6379",
  TWILIO_URL,
  COUNT = "2000",
  CONCURRENCY = "50",
  HTTP_CLIENT = "fetch",
} = process.env;
const count = Number(COUNT);
const prefix = `bench-bare-${process.pid}`;
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue("bare-sends", { connection, prefix });
const auth = `Basic ${Buffer.from("ACbench:token").toString("base64")}`;

let done = 0;
let finished!: () => void;
const allDone = new Promise<void>((resolve) => (finished = resolve));
const started = performance.now();
const busyAtStart = machineBusySeconds();
const messagesUrl = `${TWILIO_URL}/2010-04-01/Accounts/ACbench/Messages.json`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

async function postWithFetch(form: string): Promise<void> {
  const response = await fetch(messagesUrl, {
    method: "POST",
    headers: { Authorization: auth, "Content-Type": "application/x-www-form-urlencoded" },
    body: form,
  });
  await response.arrayBuffer();
}

function postWithNodeHttp(form: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      messagesUrl,
      {
        method: "POST",
        agent,
        headers: {
          Authorization: auth,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(form),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve());
      },
    );
    request.on("error", reject);
    request.end(form);
  });
}

const twilioClient =
  HTTP_CLIENT === "sdk"
    ? (await import("../../app/channels/twilio/http-client.server")).createTwilioClient({
        accountSid: "ACbench",
        authToken: "token",
        baseUrl: TWILIO_URL,
      })
    : null;

type Send = { to: string; body: string };

async function sendWithSdk({ to, body }: Send): Promise<void> {
  await twilioClient!.messages.create({
    to,
    from: "+15005550006",
    body,
    statusCallback: `https://app.example.com/webhooks/twilio/status/token?threadline_message_id=${to}`,
  });
}

const post = HTTP_CLIENT === "node" ? postWithNodeHttp : postWithFetch;
const send =
  HTTP_CLIENT === "sdk"
    ? sendWithSdk
    : ({ to, body }: Send) => post(new URLSearchParams({ To: to, From: "+15005550006", Body: body }).toString());
const worker = new Worker(
  "bare-sends",
  async (job) => {
    await send(job.data);
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
const cpuMicros = cpuMicrosPerMessage(busyAtStart, machineBusySeconds(), count);
await worker.close();
await queue.obliterate({ force: true });
await queue.close();
connection.disconnect();
process.stdout.write(JSON.stringify({ messages: count, seconds, perSecond: count / seconds, cpuMicros }) + "\n");
process.exit(0);
