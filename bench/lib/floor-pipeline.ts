// The floor under any durable dispatch design: a server that does the least a pipeline with
// our guarantees must do, and nothing else. Per webhook: check the HMAC, commit a receipt row
// (group commit, one multi-row INSERT per event-loop turn) and enqueue a BullMQ job (addBulk)
// before answering 200; per job: claim the row in one committed UPDATE, make the provider's
// HTTP POST (fetch, like the bare worker), and save the provider's id in a second UPDATE. No
// ORM, no customers, orders, flows, consent, templates or timeline. What Threadline's own
// dispatch cannot beat, measured in the same run: it shows how much of the bare worker's rate
// is left once intake and a claim are paid for. Prints its URL on stdout.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";

const {
  SHOPIFY_API_SECRET: secret = "bench-secret",
  REDIS_URL = "redis://127.0.0.1:6379",
  FLOOR_DATABASE_URL,
  FLOOR_SCHEMA = "public",
  TWILIO_URL,
} = process.env;
const pool = new pg.Pool({ connectionString: FLOOR_DATABASE_URL, max: 10 });
const table = `"${FLOOR_SCHEMA}"."floor_receipt"`;
await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
  id text PRIMARY KEY, event_id text UNIQUE NOT NULL, payload jsonb NOT NULL,
  status text NOT NULL, provider_id text)`);

const prefix = `bench-floor-${process.pid}`;
const queue = new Queue("floor", { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix });
const auth = `Basic ${Buffer.from("ACbench:token").toString("base64")}`;

interface Waiting {
  id: string;
  eventId: string;
  body: string;
  done: () => void;
  fail: (error: unknown) => void;
}
let waiting: Waiting[] = [];
function flush() {
  const group = waiting;
  waiting = [];
  const params = group.flatMap((w) => [w.id, w.eventId, w.body]);
  const values = group.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3}::jsonb, 'RECEIVED')`);
  pool
    .query(`INSERT INTO ${table} VALUES ${values.join(",")} ON CONFLICT (event_id) DO NOTHING RETURNING id`, params)
    .then(async ({ rows }) => {
      await queue.addBulk(rows.map((r) => ({ name: "dispatch", data: { id: r.id }, opts: { jobId: r.id } })));
      for (const w of group) w.done();
    })
    .catch((error) => group.forEach((w) => w.fail(error)));
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks);
    const expected = createHmac("sha256", secret).update(raw).digest();
    const given = Buffer.from(String(req.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return res.writeHead(401).end();
    const body = JSON.stringify(JSON.parse(raw.toString("utf8")));
    if (waiting.length === 0) setImmediate(flush);
    waiting.push({
      id: randomUUID(),
      eventId: String(req.headers["x-shopify-event-id"]),
      body,
      done: () => res.writeHead(200).end(),
      fail: () => res.writeHead(500).end(),
    });
  });
});

/**
 * Claims and status writes, grouped per event-loop turn like the receipts: one UPDATE for all
 * the jobs that reached that point together. FLOOR_GROUPED=0 writes each on its own.
 */
const GROUPED = process.env.FLOOR_GROUPED !== "0";
function grouped<In, Out>(run: (inputs: In[]) => Promise<Out[]>): (input: In) => Promise<Out> {
  let batch: { input: In; resolve: (o: Out) => void; reject: (e: unknown) => void }[] = [];
  return (input) =>
    new Promise((resolve, reject) => {
      if (batch.length === 0)
        setImmediate(() => {
          const current = batch;
          batch = [];
          run(current.map((b) => b.input)).then(
            (outs) => current.forEach((b, i) => b.resolve(outs[i])),
            (error) => current.forEach((b) => b.reject(error)),
          );
        });
      batch.push({ input, resolve, reject });
    });
}
type Claimed = { phone: string; name: string } | undefined;
const claimMany = async (ids: string[]): Promise<Claimed[]> => {
  const { rows } = await pool.query<{ id: string; phone: string; name: string }>(
    `UPDATE ${table} SET status = 'SENDING' WHERE id = ANY($1) AND status = 'RECEIVED'
     RETURNING id, payload->>'phone' AS phone, payload->>'name' AS name`,
    [ids],
  );
  return ids.map((id) => rows.find((r) => r.id === id));
};
const saveMany = async (sent: { id: string; sid: string }[]): Promise<void[]> => {
  await pool.query(
    `UPDATE ${table} t SET status = 'SENT', provider_id = s.sid
     FROM unnest($1::text[], $2::text[]) AS s(id, sid) WHERE t.id = s.id`,
    [sent.map((s) => s.id), sent.map((s) => s.sid)],
  );
  return sent.map(() => undefined);
};
const claim = GROUPED ? grouped(claimMany) : async (id: string) => (await claimMany([id]))[0];
const save = GROUPED ? grouped(saveMany) : async (s: { id: string; sid: string }) => void (await saveMany([s]));

new Worker(
  "floor",
  async (job) => {
    const claimed = await claim(job.data.id);
    if (!claimed) return;
    const response = await fetch(`${TWILIO_URL}/2010-04-01/Accounts/ACbench/Messages.json`, {
      method: "POST",
      headers: { Authorization: auth, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ To: claimed.phone, From: "+15005550006", Body: `Order ${claimed.name} confirmed` }),
    });
    const sent = (await response.json()) as { sid: string };
    await save({ id: job.data.id, sid: sent.sid });
  },
  {
    connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
    prefix,
    // The bare worker's concurrency; FLOOR_CONCURRENCY tries others (bigger groups, more contention).
    concurrency: Number(process.env.FLOOR_CONCURRENCY ?? 50),
    removeOnComplete: { count: 0 },
  },
);

server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`listening http://127.0.0.1:${address.port}`);
});
process.on("SIGTERM", async () => {
  await queue.obliterate({ force: true });
  await pool.query(`DROP TABLE ${table}`);
  process.exit(0);
});
