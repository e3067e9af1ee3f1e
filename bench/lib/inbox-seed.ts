// Set-based seed for bench:inbox: shops, customers, conversations, messages with
// their MESSAGE timeline events, orders and checkouts with theirs, all generated
// inside PostgreSQL (INSERT … SELECT generate_series). Secondary indexes and
// foreign keys are dropped for the load and rebuilt from their own definitions
// afterwards, so the schema measured is exactly the migrated one.
import pg from "pg";

export interface SeedSpec {
  shops: number;
  customers: number;
  messages: number;
}

export interface SeedResult {
  seconds: number;
  rows: Record<string, number>;
  shopIds: string[];
}

const TABLES = ["Shop", "Customer", "Conversation", "Message", "TimelineEvent", "Order", "Checkout"];

// Shop sizes are skewed: the largest shop holds 30% of customers, the smallest 2%.
const SHOP_BUCKETS = [30, 50, 62, 72, 80, 86, 91, 95, 98, 100];

function shopExpr(g: string, shops: number): string {
  // Hashed, so that names and numbers derived from g do not line up with shops.
  const h = `abs(hashtext('shop' || (${g})))`;
  if (shops !== SHOP_BUCKETS.length) return `'bshop' || lpad((${h} % ${shops})::text, 3, '0')`;
  const cases = SHOP_BUCKETS.map((upper, i) => `WHEN ${h} % 100 < ${upper} THEN ${i}`).join(" ");
  return `'bshop' || lpad((CASE ${cases} END)::text, 3, '0')`;
}

const id = (seed: string) => `'c' || substr(md5(${seed}), 1, 24)`;

export async function seedInbox(client: pg.Client, spec: SeedSpec, log: (s: string) => void): Promise<SeedResult> {
  const started = performance.now();
  const step = async (label: string, sql: string) => {
    const t = performance.now();
    const r = await client.query(sql);
    log(
      `  ${label.padEnd(44)} ${String(r.rowCount ?? "").padStart(9)} rows  ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  };
  await client.query("SET synchronous_commit = off");
  await client.query("SET maintenance_work_mem = '256MB'");
  await client.query("SET work_mem = '64MB'");

  // Remember, then drop, every secondary index and foreign key of the seeded tables.
  const tableList = TABLES.map((t) => `'${t}'`).join(",");
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename IN (${tableList}) AND i.indexname NOT LIKE '%\\_pkey'`,
  );
  const fks = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = current_schema() AND c.contype = 'f' AND c.conrelid::regclass::text IN (${TABLES.map((t) => `'"${t}"'`).join(",")})`,
  );
  for (const fk of fks.rows) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT "${fk.name}"`);
  for (const ix of indexes.rows) await client.query(`DROP INDEX "${ix.name}"`);

  await step(
    "shops",
    `INSERT INTO "Shop" (id, domain, name, "updatedAt")
     SELECT 'bshop' || lpad(s::text, 3, '0'), 'bench-' || s || '.myshopify.com', 'Bench shop ' || s, now()
       FROM generate_series(0, ${spec.shops - 1}) s`,
  );

  const first = `(ARRAY['Ada','Ben','Chloé','Dev','Emma','Farid','Grace','Hugo','Ines','Jonas','Kemi','Liam','Maya','Noah','Olga','Priya','Quinn','Rosa','Sven','Yuki'])[1 + g % 20]`;
  const last = `(ARRAY['Okafor','Smith','Martin','Nguyen','Garcia','Müller','Rossi','Kowalski','Silva','Tanaka','Dubois','Jensen','Cohen','Ali','Brown'])[1 + (g / 20) % 15]`;
  await step(
    "customers",
    `INSERT INTO "Customer" (id, "shopId", "shopifyCustomerId", "firstName", "lastName", email, phone,
                             "totalSpent", "ordersCount", "createdAt", "updatedAt", "lastSeenAt")
     SELECT ${id("'cust' || g")}, ${shopExpr("g", spec.shops)}, 7000000000 + g, ${first}, ${last},
            'customer' || g || '@example.com', '+1415' || lpad(g::text, 7, '0'),
            0, 0, now() - interval '400 days' * random(), now() - interval '90 days' * random(), NULL
       FROM generate_series(1, ${spec.customers}) g`,
  );

  // Conversations: every customer has one, 40% a second (older, resolved). Weights
  // are heavy-tailed so that a few threads run to hundreds of messages.
  await step(
    "conversation plan",
    `CREATE TEMP TABLE bench_conv AS
     WITH cust AS (
       SELECT id, "shopId", random() * 90 AS a, CASE WHEN random() < 0.4 THEN 2 ELSE 1 END AS nconv FROM "Customer"
     )
     SELECT ${id("'conv' || cust.id || k")} AS conv_id, cust.id AS customer_id, cust."shopId" AS shop_id,
            k = cust.nconv AS latest,
            now() - interval '1 day' * CASE WHEN k = cust.nconv THEN random() * cust.a ELSE cust.a END AS last_at,
            exp(random() * random() * 6.5) AS w,
            (ARRAY['SMS','WHATSAPP','EMAIL','EMAIL','CHAT','INSTAGRAM','MESSENGER','SMS'])[1 + floor(random() * 8)::int]::"Channel" AS channel,
            interval '1 minute' * (1 + random() * 240) AS gap,
            0 AS n
       FROM cust, generate_series(1, cust.nconv) k`,
  );
  // n = 1 + share of the rest by weight, rounded down; the remainder goes one each
  // to the heaviest threads, so the total is exactly spec.messages.
  await client.query(`WITH t AS (SELECT sum(w) AS s, count(*) AS c FROM bench_conv)
    UPDATE bench_conv SET n = 1 + floor(w * (${spec.messages} - t.c) / t.s)::int FROM t`);
  await client.query(`UPDATE bench_conv SET n = n + 1 WHERE conv_id IN (
    SELECT conv_id FROM bench_conv ORDER BY w DESC LIMIT greatest(0, ${spec.messages} - (SELECT sum(n) FROM bench_conv)))`);

  await step(
    "conversations",
    `INSERT INTO "Conversation" (id, "shopId", "customerId", "openCustomerId", status, "snoozedUntil",
        "assigneeId", "assigneeName", tags, priority, "unreadCount", "lastInboundChannel", "lastInboundAt",
        "lastMessagePreview", "lastActivityAt", "replyToken", "resolvedAt", "createdAt", "updatedAt")
     SELECT conv_id, shop_id, customer_id, CASE WHEN st <> 'RESOLVED' THEN customer_id END, st::"ConversationStatus",
            CASE WHEN st = 'SNOOZED' THEN now() + interval '2 days' END,
            CASE WHEN r2 < 0.5 THEN 'staff-' || (1 + floor(r2 * 10))::int END,
            CASE WHEN r2 < 0.5 THEN 'Staff ' || (1 + floor(r2 * 10))::int END,
            CASE WHEN r2 < 0.2 THEN ARRAY['vip'] WHEN r2 > 0.9 THEN ARRAY['shipping','returns'] ELSE ARRAY[]::text[] END,
            (CASE WHEN r2 < 0.05 THEN 'URGENT' WHEN r2 < 0.15 THEN 'HIGH' ELSE 'NORMAL' END)::"ConversationPriority",
            CASE WHEN st = 'OPEN' THEN floor(r2 * 4)::int ELSE 0 END,
            channel, last_at, 'Hi, where is my order? Message ' || n || ' of this thread', last_at,
            substr(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 1, 48), CASE WHEN st = 'RESOLVED' THEN last_at END,
            last_at - gap * n, last_at
       FROM (SELECT *, random() AS r2,
                    CASE WHEN NOT latest THEN 'RESOLVED'
                         ELSE (ARRAY['OPEN','OPEN','OPEN','PENDING','SNOOZED','RESOLVED','RESOLVED','RESOLVED','RESOLVED','RESOLVED'])[1 + floor(random() * 10)::int]
                    END AS st
               FROM bench_conv) c`,
  );

  await step(
    "messages",
    `INSERT INTO "Message" (id, "shopId", "conversationId", "customerId", direction, channel, author, "authorName",
        body, "idempotencyKey", "deliveryStatus", "sentAt", "createdAt", "updatedAt")
     SELECT mid, shop_id, conv_id, customer_id, dir::"MessageDirection", ch,
            (CASE WHEN dir = 'INBOUND' THEN 'CUSTOMER' WHEN s % 7 = 0 THEN 'FLOW' ELSE 'STAFF' END)::"MessageAuthor",
            CASE WHEN dir = 'OUTBOUND' AND s % 7 <> 0 THEN 'Staff member' END,
            CASE WHEN dir = 'INBOUND' THEN 'Hello, I ordered last week and wanted to ask about shipping to my address. Message #' || s
                 ELSE 'Thanks for getting in touch! Your parcel left our warehouse today; tracking follows. Reply #' || s END,
            mid, (CASE WHEN dir = 'INBOUND' THEN 'RECEIVED' ELSE 'DELIVERED' END)::"DeliveryStatus",
            CASE WHEN dir = 'OUTBOUND' THEN at END, at, at
       FROM (SELECT ${id("b.conv_id || ':' || s")} AS mid, b.shop_id, b.conv_id, b.customer_id, s,
                    CASE WHEN s % 2 = 1 THEN 'INBOUND' ELSE 'OUTBOUND' END AS dir,
                    CASE WHEN s % 10 = 9 THEN 'EMAIL'::"Channel" ELSE b.channel END AS ch,
                    b.last_at - b.gap * (b.n - s) AS at
               FROM bench_conv b, generate_series(1, b.n) s) m`,
  );

  await step(
    "MESSAGE timeline events",
    `INSERT INTO "TimelineEvent" (id, "shopId", "customerId", type, "occurredAt", "dedupeKey", title, "messageId", data)
     SELECT ${id("'te' || m.id")}, m."shopId", m."customerId", 'MESSAGE', m."createdAt", 'message:' || m.id,
            initcap(m.channel::text) || CASE WHEN m.direction = 'INBOUND' THEN ' received' ELSE ' sent' END, m.id,
            jsonb_build_object('direction', m.direction, 'channel', m.channel, 'author', m.author,
                               'deliveryStatus', m."deliveryStatus", 'preview', left(m.body, 160))
       FROM "Message" m`,
  );

  // Orders: 60% of customers, one to three each; every order placed, most fulfilled.
  await step(
    "orders",
    `INSERT INTO "Order" (id, "shopId", "shopifyOrderId", "customerId", name, email, currency, "totalPrice",
        "financialStatus", "fulfillmentStatus", "processedAt", "createdAt", "updatedAt")
     SELECT ${id("'ord' || c.id || k")}, c."shopId", 9000000000 + row_number() OVER (), c.id,
            '#' || (1000 + row_number() OVER ()), c.email, 'USD', round((20 + random() * 200)::numeric, 2),
            'paid', CASE WHEN random() < 0.8 THEN 'fulfilled' END, at, at, at
       FROM (SELECT *, CASE WHEN random() < 0.6 THEN 1 + floor(random() * 3)::int ELSE 0 END AS norders FROM "Customer") c,
            generate_series(1, c.norders) k,
            LATERAL (SELECT now() - interval '120 days' * random() AS at) t`,
  );
  await step(
    "order timeline events",
    `INSERT INTO "TimelineEvent" (id, "shopId", "customerId", type, "occurredAt", "dedupeKey", title, "orderId")
     SELECT ${id("'teo' || o.id || e.kind")}, o."shopId", o."customerId", e.kind::"TimelineEventType",
            o."processedAt" + e.after, 'order:' || o.id || ':' || e.kind,
            CASE e.kind WHEN 'ORDER_PLACED' THEN 'Order ' || o.name || ' placed' ELSE 'Order ' || o.name || ' fulfilled' END, o.id
       FROM "Order" o
       JOIN LATERAL (VALUES ('ORDER_PLACED', interval '0'), ('ORDER_FULFILLED', interval '2 days')) e(kind, after)
         ON e.kind = 'ORDER_PLACED' OR o."fulfillmentStatus" = 'fulfilled'`,
  );
  await step(
    "checkouts",
    `INSERT INTO "Checkout" (id, "shopId", token, "customerId", email, currency, "totalPrice",
        "abandonedCheckoutUrl", "shopifyCreatedAt", "shopifyUpdatedAt", "createdAt", "updatedAt")
     SELECT ${id("'chk' || c.id")}, c."shopId", md5('tok' || c.id), c.id, c.email, 'USD',
            round((20 + random() * 200)::numeric, 2), 'https://example.com/checkouts/' || md5('tok' || c.id), at, at, at, at
       FROM "Customer" c, LATERAL (SELECT now() - interval '90 days' * random() AS at) t
      WHERE random() < 0.25`,
  );
  await step(
    "checkout timeline events",
    `INSERT INTO "TimelineEvent" (id, "shopId", "customerId", type, "occurredAt", "dedupeKey", title, "checkoutId")
     SELECT ${id("'tec' || k.id || e.kind")}, k."shopId", k."customerId", e.kind::"TimelineEventType",
            k."shopifyCreatedAt" + e.after, 'checkout:' || k.id || ':' || e.kind,
            CASE e.kind WHEN 'CHECKOUT_STARTED' THEN 'Checkout started' ELSE 'Checkout abandoned' END, k.id
       FROM "Checkout" k, (VALUES ('CHECKOUT_STARTED', interval '0'), ('CHECKOUT_ABANDONED', interval '1 hour')) e(kind, after)`,
  );

  const t = performance.now();
  for (const ix of indexes.rows) await client.query(ix.def);
  for (const fk of fks.rows) await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT "${fk.name}" ${fk.def}`);
  log(
    `  ${"indexes and foreign keys rebuilt".padEnd(44)} ${String(indexes.rows.length + fks.rows.length).padStart(9)} objs  ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const ta = performance.now();
  for (const table of TABLES) await client.query(`VACUUM ANALYZE "${table}"`);
  log(`  ${"VACUUM ANALYZE".padEnd(44)} ${"".padStart(9)}       ${((performance.now() - ta) / 1000).toFixed(1)} s`);
  await client.query("DROP TABLE bench_conv");

  const rows: Record<string, number> = {};
  for (const table of TABLES) {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    rows[table] = Number(r.rows[0].n);
  }
  const shops = await client.query<{ id: string }>(`SELECT id FROM "Shop" ORDER BY id`);
  return { seconds: (performance.now() - started) / 1000, rows, shopIds: shops.rows.map((r) => r.id) };
}
