// `npm run bench:inbox`: the first timeline page of a customer and the first inbox
// page, through the app's own query functions (Prisma over the pg driver adapter),
// each beside the raw indexed SQL for the same rows run through `pg` directly, in
// the same run, on PostgreSQL seeded with 10 shops, 100,000 customers and
// 1,000,000 messages.
import { mkdirSync, writeFileSync } from "node:fs";
import pg from "pg";
import { benchDatabase } from "./lib/bench-database";
import { seedInbox } from "./lib/inbox-seed";
import { percentile, timeSeries } from "./lib/latency";

const SHOPS = Number(process.env.BENCH_INBOX_SHOPS ?? 10);
const CUSTOMERS = Number(process.env.BENCH_INBOX_CUSTOMERS ?? 100_000);
const MESSAGES = Number(process.env.BENCH_INBOX_MESSAGES ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_INBOX_ITERATIONS ?? 200);
const TIMELINE_TARGET_MS = 20;
const INBOX_TARGET_MS = 50;

console.log("\nThreadline · bench:inbox · real PostgreSQL, app query functions beside raw indexed SQL\n");

const database = await benchDatabase("bench_inbox");

const raw = new pg.Client({ connectionString: database.url.replace(/[?&]schema=[^&]*/, "") });
await raw.connect();
await raw.query(`SET search_path TO "${database.schema}"`);

console.log(`Seeding ${SHOPS} shops, ${CUSTOMERS} customers, ${MESSAGES} messages (set-based SQL):`);
const seed = await seedInbox(raw, { shops: SHOPS, customers: CUSTOMERS, messages: MESSAGES }, (s) => console.log(s));
console.log(`  total ${seed.seconds.toFixed(1)} s · ${JSON.stringify(seed.rows)}\n`);

const { db, disconnectDb } = await import("../app/db/client.server");
const { listCustomerTimeline, TIMELINE_PAGE_SIZE } = await import("../app/admin-queries/customers.server");
const inbox = await import("../app/admin-queries/inbox.server");
const INBOX_PAGE_SIZE = inbox.CONVERSATIONS_PAGE_SIZE;

// Targets: random customers (weighted by nothing: most have short histories), the
// customers with the longest timelines, and the shops in proportion to their size.
const randomCustomers = (
  await raw.query<{ id: string; shopId: string }>(
    `SELECT id, "shopId" FROM "Customer" TABLESAMPLE BERNOULLI (1) ORDER BY random() LIMIT ${ITERATIONS}`,
  )
).rows;
const heavyCustomers = (
  await raw.query<{ id: string; shopId: string; events: string }>(
    `SELECT "customerId" AS id, "shopId", count(*) AS events FROM "TimelineEvent"
      GROUP BY "customerId", "shopId" ORDER BY count(*) DESC LIMIT ${ITERATIONS}`,
  )
).rows;
const shopSample = Array.from({ length: ITERATIONS }, (_, i) => randomCustomers[i % randomCustomers.length].shopId);

const TIMELINE_SQL = `
  SELECT t.id, t.type, t.title, t."occurredAt",
         m.id AS "messageId", m."conversationId", m.channel, m.direction, m.author, m."authorName",
         m.internal, m.subject, m.body, m."deliveryStatus", m."errorMessage"
    FROM "TimelineEvent" t LEFT JOIN "Message" m ON m.id = t."messageId"
   WHERE t."shopId" = $1 AND t."customerId" = $2
   ORDER BY t."occurredAt" DESC, t.id DESC
   LIMIT ${TIMELINE_PAGE_SIZE + 1}`;
// The inbox views measured: the page as it first opens (open conversations), and
// the filters of the Inbox page, each beside the same rows in raw SQL.
interface InboxCase {
  key: string;
  label: string;
  filters: Record<string, string>;
  where: string;
  values?: string[];
  /** Fewer iterations for a slow case, to keep the whole bench within minutes. */
  iterations?: number;
}
const INBOX_CASES: InboxCase[] = [
  { key: "inboxAll", label: "inbox, all statuses", filters: { status: "ALL" }, where: "" },
  {
    key: "inboxOpen",
    label: "inbox, open (default view)",
    filters: { status: "OPEN" },
    where: `AND c.status = 'OPEN'`,
  },
  {
    key: "inboxFiltered",
    label: "inbox, open + SMS + unassigned",
    filters: { status: "OPEN", channel: "SMS", assignee: "unassigned" },
    where: `AND c.status = 'OPEN' AND c."lastInboundChannel" = 'SMS' AND c."assigneeId" IS NULL`,
  },
  {
    key: "inboxTag",
    label: "inbox, tag vip, all statuses",
    filters: { status: "ALL", tag: "vip" },
    where: `AND 'vip' = ANY (c.tags)`,
  },
  {
    // A name that about one customer in 300 carries: each word on the customer, or the
    // whole text in a message of the conversation (ILIKE, as listConversations searches).
    key: "inboxSearch",
    label: "inbox, search “Maya Okafor”",
    filters: { status: "ALL", q: "Maya Okafor" },
    where: `AND ((${["$2", "$3"]
      .map(
        (t) => `(cu."firstName" ILIKE ${t} OR cu."lastName" ILIKE ${t} OR cu.email ILIKE ${t} OR cu.phone LIKE ${t})`,
      )
      .join(" AND ")})
      OR EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id AND m."shopId" = $1 AND m.body ILIKE $4))`,
    values: ["%Maya%", "%Okafor%", "%Maya Okafor%"],
    iterations: 40,
  },
];
const inboxSql = (where: string) => `
  SELECT c.id, c.status, c.priority, c."unreadCount", c.tags, c."lastInboundChannel", c."lastMessagePreview",
         c."lastActivityAt", c."assigneeId", c."assigneeName", c."snoozedUntil",
         cu.id AS "customerId", cu."firstName", cu."lastName", cu.email, cu.phone, cu."redactedAt"
    FROM "Conversation" c JOIN "Customer" cu ON cu.id = c."customerId"
   WHERE c."shopId" = $1 ${where}
   ORDER BY c."lastActivityAt" DESC, c.id DESC
   LIMIT ${INBOX_PAGE_SIZE + 1}`;

const rawTimeline = (shopId: string, customerId: string) =>
  raw.query({ name: "timeline", text: TIMELINE_SQL, values: [shopId, customerId] });
const rawInbox = (k: InboxCase, shopId: string) =>
  raw.query({ name: k.key, text: inboxSql(k.where), values: [shopId, ...(k.values ?? [])] });
const appTimeline = (shopId: string, customerId: string) => listCustomerTimeline({ shopId, customerId });
// The inbox list function as exported today, called as the Inbox page calls it.
type InboxArgs = Parameters<typeof inbox.listConversations>[0];
const appInbox = (k: InboxCase, shopId: string) =>
  inbox.listConversations({ shopId, staffId: "bench-staff", filters: k.filters } as unknown as InboxArgs);

// Same rows check, once per query, so the comparison is honest.
{
  const c = heavyCustomers[0];
  const a = await appTimeline(c.shopId, c.id);
  const r = await rawTimeline(c.shopId, c.id);
  const same =
    a.events.map((e) => e.id).join() ===
    r.rows
      .slice(0, TIMELINE_PAGE_SIZE)
      .map((e) => e.id)
      .join();
  for (const k of INBOX_CASES) {
    const ai = await appInbox(k, c.shopId);
    const ri = await rawInbox(k, c.shopId);
    const ids = (rows: Array<{ id: string }>) =>
      rows
        .slice(0, INBOX_PAGE_SIZE)
        .map((e) => e.id)
        .join();
    if (ids(ai.conversations) !== ids(ri.rows)) throw new Error(`app and raw SQL disagree on ${k.label}`);
    if (ri.rows.length === 0) throw new Error(`${k.label}: no rows in ${c.shopId}, the comparison would be empty`);
  }
  if (!same) throw new Error("app and raw SQL disagree on the timeline");
}

// Warm both paths (connections, plans, caches) before measuring.
for (let i = 0; i < 30; i++) {
  const c = randomCustomers[i % randomCustomers.length];
  await appTimeline(c.shopId, c.id);
  await rawTimeline(c.shopId, c.id);
  for (const k of INBOX_CASES) {
    await appInbox(k, c.shopId);
    await rawInbox(k, c.shopId);
  }
}

// App and raw alternate per iteration on the same target.
const timelineRandom = await timeSeries(
  randomCustomers,
  (c) => appTimeline(c.shopId, c.id),
  (c) => rawTimeline(c.shopId, c.id),
);
const timelineHeavy = await timeSeries(
  heavyCustomers,
  (c) => appTimeline(c.shopId, c.id),
  (c) => rawTimeline(c.shopId, c.id),
);
const inboxSeries: Record<string, { app: number[]; raw: number[] }> = {};
for (const k of INBOX_CASES) {
  inboxSeries[k.key] = await timeSeries(
    shopSample.slice(0, k.iterations ?? shopSample.length),
    (s) => appInbox(k, s),
    (s) => rawInbox(k, s),
  );
}

async function planOf(sql: string, values: string[]) {
  const r = await raw.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, values);
  const lines = r.rows.map((x) => x["QUERY PLAN"]);
  return {
    indexes: [
      ...new Set(
        lines.flatMap((l) =>
          [...l.matchAll(/(?:Scan(?: Backward)? using|Bitmap Index Scan on) "?(\w+)"?/gi)].map((m) => m[1]),
        ),
      ),
    ],
    executionMs: Number(lines.find((l) => l.startsWith("Execution Time"))?.match(/[\d.]+/)?.[0] ?? NaN),
    plan: lines,
  };
}
const timelinePlan = await planOf(TIMELINE_SQL, [heavyCustomers[0].shopId, heavyCustomers[0].id]);
const biggestShop = (
  await raw.query<{ shopId: string }>(`SELECT "shopId" FROM "Conversation" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
).rows[0].shopId;
const inboxPlans: Record<string, Awaited<ReturnType<typeof planOf>>> = {};
for (const k of INBOX_CASES) inboxPlans[k.key] = await planOf(inboxSql(k.where), [biggestShop, ...(k.values ?? [])]);

const f = (n: number) => n.toFixed(2).padStart(8);
const verdict = (ok: boolean) => (ok ? "meets target" : "MISSES TARGET");
const row = (label: string, s: { app: number[]; raw: number[] }, target: number) => {
  const ap50 = percentile(s.app, 50);
  const ap95 = percentile(s.app, 95);
  const rp50 = percentile(s.raw, 50);
  const rp95 = percentile(s.raw, 95);
  return {
    line: `  ${label.padEnd(34)} ${f(ap50)} ${f(ap95)}   ${f(rp50)} ${f(rp95)}   p95 < ${target} ms: ${verdict(ap95 < target)}`,
    figures: { appP50: ap50, appP95: ap95, rawP50: rp50, rawP95: rp95, target, iterations: s.app.length },
  };
};
const rows = {
  timelineRandom: row(`timeline, random customer`, timelineRandom, TIMELINE_TARGET_MS),
  timelineHeavy: row(`timeline, ${heavyCustomers.length} longest histories`, timelineHeavy, TIMELINE_TARGET_MS),
};
const inboxRows = INBOX_CASES.map((k) => ({ key: k.key, ...row(k.label, inboxSeries[k.key], INBOX_TARGET_MS) }));
const heaviest = Number(heavyCustomers[0].events);
const lightestHeavy = Number(heavyCustomers[heavyCustomers.length - 1].events);

console.log(`Latency in ms over ${ITERATIONS} iterations per row (search: ${inboxSeries.inboxSearch.app.length}), warm, one at a time (app and raw alternate)
                                       threadline (app fn)    raw SQL via pg
                                         p50      p95          p50      p95
${rows.timelineRandom.line}
${rows.timelineHeavy.line}
${inboxRows.map((r) => r.line).join("\n")}

  timeline page = ${TIMELINE_PAGE_SIZE} newest events of one customer (listCustomerTimeline: customer check + events with their messages)
  longest histories = customers with ${lightestHeavy}–${heaviest} timeline events
  inbox page = ${INBOX_PAGE_SIZE} conversations, newest activity first, with the customer (listConversations with the
               Inbox page's filters; shops drawn in proportion to their size, the largest holds 30% of customers)
  raw SQL plans (heaviest customer, largest shop), with server execution time:
    timeline           ${timelinePlan.indexes.join(", ")} (${timelinePlan.executionMs} ms)
${INBOX_CASES.map((k) => `    ${k.key.padEnd(18)} ${inboxPlans[k.key].indexes.join(", ")} (${inboxPlans[k.key].executionMs} ms)`).join("\n")}

What it means: the app figure is what a Remix loader waits for — Prisma's query compiler, the driver
adapter, the round trips it makes (the timeline checks the customer belongs to the shop first) and
mapping rows to objects — against one hand-written indexed query returning the same rows on a
plain pg connection. The gap is the price of the ORM path; the raw figure is the floor the indexes allow.
`);

mkdirSync("bench/results", { recursive: true });
writeFileSync(
  `bench/results/inbox-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
  JSON.stringify(
    {
      seed,
      iterations: ITERATIONS,
      timelineRandom: rows.timelineRandom.figures,
      timelineHeavy: { ...rows.timelineHeavy.figures, eventsPerCustomer: [lightestHeavy, heaviest] },
      inbox: Object.fromEntries(inboxRows.map((r) => [r.key, r.figures])),
      plans: { timeline: timelinePlan, inbox: inboxPlans },
    },
    null,
    2,
  ),
);
void db;
await disconnectDb();
await raw.end();
await database.drop();
process.exit(0);
