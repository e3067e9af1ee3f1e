// `npm run bench:answers`: decideAnswer's time per message with 10,000 published sections in
// one shop on real PostgreSQL, beside one raw PostgreSQL full-text query (ts_rank, the same OR
// query over the same rows) run through `pg` directly. Target: decision p95 under 150 ms.
//
// The shop holds the eval's 51 fixture articles (imported through the CSV import) plus
// synthetic sections: sentences drawn from the fixtures' vocabulary and a product vocabulary,
// so that common words are common and the fixture questions still have a right answer.
import pg from "pg";
import { createTestSchema } from "../tests/support/test-database";
import { percentile, timeSeries } from "./lib/latency";

const SECTIONS = Number(process.env.BENCH_ANSWERS_SECTIONS ?? 10_000);
const ITERATIONS = Number(process.env.BENCH_ANSWERS_ITERATIONS ?? 300);
const TARGET_P95_MS = 150;

console.log("\nThreadline · bench:answers · real PostgreSQL, decideAnswer beside one raw ts_rank query\n");
const database = await createTestSchema("bench_answers");
Object.assign(process.env, {
  // Not "production": that refuses the development Shopify secret, which a bench has no need to replace.
  NODE_ENV: "test",
  ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? "b".repeat(64),
  DATABASE_URL: database.url,
  LOG_LEVEL: "warn",
});

try {
  const evalLib = await import("./lib/answers-eval");
  const { decideAnswer } = await import("../app/knowledge/decide-answer.server");
  const shopId = await evalLib.seedEvalShop("bench-answers.myshopify.com");

  const raw = new pg.Client({ connectionString: database.url.replace(/[?&]schema=[^&]*/, "") });
  await raw.connect();
  await raw.query(`SET search_path TO "${database.schema}", public`);

  // Synthetic sections, generated set-based in SQL from two vocabularies (`0 * i` keeps each
  // word's random pick inside the per-row subquery instead of one pick for the whole run).
  const fixtureWords = (
    await raw.query<{ w: string }>(
      `SELECT DISTINCT regexp_split_to_table(lower(heading || ' ' || body), '[^a-z]+') AS w FROM "KnowledgeSection"`,
    )
  ).rows
    .map((r) => r.w)
    .filter((w) => w.length > 2);
  const productWords =
    "linen cotton wool denim jacket shirt dress skirt trousers sweater hoodie scarf belt boots sandals sneakers hat cap socks coat parka blazer tote bag wallet necklace ring earrings bracelet watch sunglasses pyjamas swimsuit jumpsuit cardigan vest leggings shorts chinos polo tee tank blouse tunic kimono poncho gloves beanie umbrella candle mug blanket pillow towel apron notebook poster print frame vase planter basket rug lamp mirror clock soap lotion serum balm perfume brush comb mask patch sticker keyring lanyard backpack duffel suitcase passport organic recycled vintage handmade limited edition collection spring summer autumn winter colour colors navy olive sand charcoal ivory rust sage teal mustard blush stripe check floral plain ribbed waffle quilted padded lined waterproof breathable stretch relaxed cropped oversized tailored regular slim petite tall maternity plus unisex kids baby adults".split(
      " ",
    );
  const seeded = await raw.query<{ count: string }>('SELECT count(*) FROM "KnowledgeSection" WHERE "shopId" = $1', [
    shopId,
  ]);
  const toAdd = Math.max(0, SECTIONS - Number(seeded.rows[0]!.count));
  const started = performance.now();
  await raw.query(
    `WITH words AS (SELECT $2::text[] AS fixture, $3::text[] AS product),
          gen AS (
            SELECT g,
                   (SELECT string_agg(CASE WHEN random() < 0.5 THEN fixture[1 + floor(random() * array_length(fixture, 1))::int + 0 * i]
                                           ELSE product[1 + floor(random() * array_length(product, 1))::int] END, ' ')
                      FROM generate_series(1, 6 + (g % 5)) AS i) AS heading,
                   (SELECT string_agg(CASE WHEN random() < 0.5 THEN fixture[1 + floor(random() * array_length(fixture, 1))::int + 0 * i]
                                           ELSE product[1 + floor(random() * array_length(product, 1))::int] END, ' ')
                      FROM generate_series(1, 25 + (g % 40)) AS i) AS body
              FROM generate_series(1, $4::int) AS g, words),
          articles AS (
            INSERT INTO "KnowledgeArticle" (id, "shopId", title, answer, locale, status, source, "sourceRef", "updatedAt")
            SELECT 'bench-a-' || g, $1, heading, body, 'en', 'PUBLISHED', 'MANUAL', 'bench-' || g, now() FROM gen
            RETURNING id)
     INSERT INTO "KnowledgeSection" (id, "shopId", "articleId", position, heading, body, locale, published, "searchVector")
     SELECT 'bench-s-' || g, $1, 'bench-a-' || g, 0, heading, body, 'en', true,
            setweight(to_tsvector('english', heading), 'A') || setweight(to_tsvector('english', body), 'B')
       FROM gen`,
    [shopId, fixtureWords, productWords, toAdd],
  );
  await raw.query(`ANALYZE "KnowledgeSection"`);
  const total = await raw.query<{ count: string }>('SELECT count(*) FROM "KnowledgeSection" WHERE "shopId" = $1', [
    shopId,
  ]);
  console.log(
    `Seeded ${total.rows[0]!.count} published sections in one shop in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );

  const messages = evalLib
    .loadMessages()
    // Only messages that reach retrieval (FAQ and out of scope): hand-offs decided by the rules
    // beforehand take about a millisecond and would flatter the figures.
    .filter(
      (m) => m.locale === "en" && !m.injection && (m.expected.kind === "answer" || m.expected.kind === "out_of_scope"),
    )
    .map((m) => m.text);
  const targets = Array.from({ length: ITERATIONS }, (_, i) => messages[i % messages.length]!);
  // Warm both paths (the per-shop statistics are built once, then cached until the knowledge changes).
  await decideAnswer({ shopId, text: messages[0]!, locale: "en" });

  const RAW_SQL = `
    WITH q AS (SELECT coalesce(string_agg(quote_literal(lexeme), ' | '), '')::tsquery AS q
                 FROM unnest(to_tsvector('english', $2)))
    SELECT s.id, ts_rank(s."searchVector", q.q) AS rank
      FROM "KnowledgeSection" s, q
     WHERE s."shopId" = $1 AND s.published AND s.locale = 'en' AND s."searchVector" @@ q.q
     ORDER BY rank DESC LIMIT 5`;
  const series = await timeSeries(
    targets,
    (text) => decideAnswer({ shopId, text, locale: "en" }),
    (text) => raw.query(RAW_SQL, [shopId, text]),
  );
  const row = (label: string, samples: number[]) =>
    `${label.padEnd(34)} p50 ${percentile(samples, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(samples, 95).toFixed(1).padStart(6)} ms`;
  console.log(row("decideAnswer (whole decision)", series.app));
  console.log(row("raw ts_rank full-text query", series.raw));
  const p95 = percentile(series.app, 95);
  console.log(
    `\n${ITERATIONS} messages (the eval's English FAQ and out-of-scope messages, cycled). Target decision p95 < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? "met" : "NOT met"} (${(p95 / percentile(series.raw, 95)).toFixed(1)}× the raw query's p95).`,
  );
  await raw.end();
  const { disconnectDb } = await import("../app/db/client.server");
  await disconnectDb();
} finally {
  await database.drop();
}
