// Set-based seed for bench:kpis on top of the bench:inbox data: the rows the app writes as
// conversations happen, derived here in SQL from the seeded messages exactly as the app derives them
// (app/kpis/cycles.server.ts), so the dashboard and a raw query over the messages must agree:
// - one resolution cycle per conversation (the seed has no reopens), opened at its first customer
//   message, first response at the first staff reply after it, resolved when the conversation is;
// - on each staff reply, the wait since the oldest customer message after the previous staff reply;
// - business seconds on the default calendar (Monday–Friday 09:00–17:00 in the shop zone, UTC here),
//   whole minutes, as businessMinutesBetween counts;
// - CSAT surveys on a third of resolved conversations (60% answered), SLAs on for the largest shop
//   with a first-response breach recorded (due 2 h after opening) on every cycle answered later than that.
import type pg from "pg";

export async function seedKpis(client: pg.Client, largestShopId: string, log: (s: string) => void): Promise<void> {
  const step = async (label: string, sql: string) => {
    const t = performance.now();
    const r = await client.query(sql);
    log(
      `  ${label.padEnd(44)} ${String(r.rowCount ?? "").padStart(9)} rows  ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  };
  await client.query("SET work_mem = '256MB'");
  // Business seconds between two UTC instants on Mon–Fri 09:00–17:00 UTC, floored to whole minutes.
  await client.query(`CREATE OR REPLACE FUNCTION bench_business_seconds(a timestamp, b timestamp) RETURNS int
    LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN b <= a THEN 0 ELSE (floor(coalesce(sum(greatest(0, extract(epoch FROM
               least(b, d + interval '17 hours') - greatest(a, d + interval '9 hours')))), 0) / 60) * 60)::int END
        FROM generate_series(date_trunc('day', a), date_trunc('day', b), interval '1 day') d
       WHERE extract(isodow FROM d) < 6 $$`);

  await step(
    "staff reply waits",
    `WITH m AS (
       SELECT id, "conversationId" AS c, "createdAt" AS at, direction = 'INBOUND' AS inbound,
              (direction = 'OUTBOUND' AND author = 'STAFF' AND NOT automatic AND NOT internal) AS staff,
              count(*) FILTER (WHERE direction = 'OUTBOUND' AND author = 'STAFF' AND NOT automatic AND NOT internal)
                OVER (PARTITION BY "conversationId" ORDER BY "createdAt", id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seg
         FROM "Message"),
     waiting AS (SELECT c, seg, min(at) FILTER (WHERE inbound) AS since FROM m GROUP BY c, seg)
     UPDATE "Message" x
        SET "replyWaitSeconds" = round(extract(epoch FROM m.at - w.since))::int,
            "replyWaitBusinessSeconds" = bench_business_seconds(w.since, m.at)
       FROM m JOIN waiting w USING (c, seg)
      WHERE x.id = m.id AND m.staff AND w.since IS NOT NULL`,
  );

  await step(
    "resolution cycles",
    `INSERT INTO "ConversationCycle" (id, "shopId", "conversationId", seq, channel, "teamId", "assigneeId", "openedAt",
        "firstResponseAt", "firstResponseSeconds", "firstResponseBusinessSeconds", "resolvedAt", "resolutionSeconds",
        "resolutionBusinessSeconds", "humanInvolved", "handedOff", "updatedAt")
     SELECT 'cy' || substr(md5(c.id), 1, 23), c."shopId", c.id, 1, f.channel, c."teamId", c."assigneeId", f.at,
            r.at, round(extract(epoch FROM r.at - f.at))::int, CASE WHEN r.at IS NOT NULL THEN bench_business_seconds(f.at, r.at) END,
            c."resolvedAt", CASE WHEN c."resolvedAt" IS NOT NULL THEN greatest(0, round(extract(epoch FROM c."resolvedAt" - f.at)))::int END,
            CASE WHEN c."resolvedAt" IS NOT NULL THEN bench_business_seconds(f.at, c."resolvedAt") END,
            r.at IS NOT NULL OR c."assigneeId" IS NOT NULL, false, now()
       FROM "Conversation" c
       JOIN LATERAL (SELECT m."createdAt" AS at, m.channel FROM "Message" m
                      WHERE m."conversationId" = c.id AND m.direction = 'INBOUND' AND NOT m.internal
                      ORDER BY m."createdAt", m.id LIMIT 1) f ON true
       LEFT JOIN LATERAL (SELECT m."createdAt" AS at FROM "Message" m
                           WHERE m."conversationId" = c.id AND m.direction = 'OUTBOUND' AND m.author = 'STAFF'
                             AND NOT m.automatic AND NOT m.internal AND m."createdAt" >= f.at
                           ORDER BY m."createdAt", m.id LIMIT 1) r ON true`,
  );

  await step(
    "CSAT surveys",
    `INSERT INTO "CsatSurvey" (id, "shopId", "conversationId", "customerId", channel, state, token, score, "sentAt", "answeredAt")
     SELECT 'cs' || substr(md5(c.id), 1, 23), c."shopId", c.id, c."customerId", coalesce(c."lastInboundChannel", 'CHAT'),
            (CASE WHEN h % 10 < 6 THEN 'ANSWERED' ELSE 'SENT' END)::"CsatSurveyState", md5('csat' || c.id),
            CASE WHEN h % 10 < 6 THEN 1 + (h / 10) % 5 END, c."resolvedAt" + interval '5 minutes',
            CASE WHEN h % 10 < 6 THEN c."resolvedAt" + interval '2 hours' END
       FROM (SELECT *, abs(hashtext('csat' || id)) AS h FROM "Conversation" WHERE status = 'RESOLVED') c
      WHERE c.h % 3 = 0`,
  );

  await client.query(
    `UPDATE "Shop" SET settings = jsonb_build_object('sla', jsonb_build_object('enabled', true, 'policies', jsonb_build_object(
       'LOW', jsonb_build_object('firstResponseMinutes', 480, 'nextResponseMinutes', 960, 'resolutionMinutes', 5760, 'mode', 'business_hours'),
       'NORMAL', jsonb_build_object('firstResponseMinutes', 240, 'nextResponseMinutes', 480, 'resolutionMinutes', 2880, 'mode', 'business_hours'),
       'HIGH', jsonb_build_object('firstResponseMinutes', 60, 'nextResponseMinutes', 120, 'resolutionMinutes', 1440, 'mode', 'business_hours'),
       'URGENT', jsonb_build_object('firstResponseMinutes', 30, 'nextResponseMinutes', 60, 'resolutionMinutes', 480, 'mode', 'around_the_clock'))))
     WHERE id = $1`,
    [largestShopId],
  );
  await step(
    "SLA breaches (largest shop)",
    `INSERT INTO "SlaBreach" (id, "shopId", "conversationId", metric, priority, "dueAt", "breachedAt")
     SELECT 'sb' || substr(md5(cy.id), 1, 23), cy."shopId", cy."conversationId", 'FIRST_RESPONSE', c.priority,
            cy."openedAt" + interval '2 hours', cy."openedAt" + interval '2 hours'
       FROM "ConversationCycle" cy JOIN "Conversation" c ON c.id = cy."conversationId"
      WHERE cy."shopId" = '${largestShopId}' AND cy."firstResponseSeconds" > 2 * 3600`,
  );
  for (const table of ["Message", "ConversationCycle", "CsatSurvey", "SlaBreach"])
    await client.query(`VACUUM ANALYZE "${table}"`);
}
