// Tables and pgbench scripts shaped like Threadline's hot path after batching:
// text (cuid-length) ids, a jsonb webhook payload, the indexes our models carry,
// and one set-based statement per transaction covering `rows` rows.
import { readFileSync } from "node:fs";

/** Message ids each pgbench client owns, so batches never wait on another client's rows. */
export const MESSAGES_PER_CLIENT = 5_000;

/** A real orders/create payload cut to about `bytes` of JSON (whole top-level keys). */
export function receiptPayload(bytes: number): string {
  const order = JSON.parse(readFileSync("tests/fixtures/webhooks/orders-create.json", "utf8")) as Record<
    string,
    unknown
  >;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(order)) {
    if (JSON.stringify({ ...kept, [key]: value }).length > bytes) continue;
    kept[key] = value;
  }
  return pgbenchSafe(JSON.stringify(kept));
}

// pgbench turns every ":word" of a script into a parameter, even inside a string
// literal. Colons inside JSON strings become \u003a (the same jsonb value), the
// structural ones get a space after them.
function pgbenchSafe(json: string): string {
  return json.replace(/"(?:[^"\\]|\\.)*"/g, (literal) => literal.replace(/:/g, "\\u003a")).replace(/:/g, ": ");
}

export function schemaSql(maxClients: number): string {
  return `
CREATE TABLE receipt (
  id text PRIMARY KEY,
  shop_domain text NOT NULL,
  topic text NOT NULL,
  event_id text NOT NULL,
  status text NOT NULL DEFAULT 'PENDING',
  attempts int NOT NULL DEFAULT 0,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  UNIQUE (shop_domain, topic, event_id)
);
CREATE INDEX ON receipt (status, received_at);
CREATE INDEX ON receipt (processed_at);

CREATE TABLE message (
  id text PRIMARY KEY,
  shop_id text NOT NULL,
  conversation_id text NOT NULL,
  customer_id text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  delivery_status text NOT NULL,
  provider_message_id text,
  body text NOT NULL,
  send_attempted_at timestamptz,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO message (id, shop_id, conversation_id, customer_id, idempotency_key, delivery_status, body)
SELECT ${messageId("n")}, 'shop' || (n % 50), 'conv' || (n / 3), 'cust' || (n / 3), 'flow-step-' || n, 'QUEUED',
       'Hi Maya, your order #' || n || ' is confirmed. We will text you when it ships. Reply STOP to opt out.'
FROM generate_series(0, ${maxClients * MESSAGES_PER_CLIENT - 1}) n;
CREATE INDEX ON message (conversation_id, created_at DESC);
CREATE INDEX ON message (customer_id, created_at DESC);
CREATE INDEX ON message (shop_id, created_at DESC);
CREATE INDEX ON message (provider_message_id);

CREATE TABLE tiny_commit (client int NOT NULL, at timestamptz NOT NULL);
CREATE TABLE hot_counter (id text PRIMARY KEY, n bigint NOT NULL);
INSERT INTO hot_counter VALUES ('shop-1', 0);
`;
}

/** 25 characters, like a cuid. */
function messageId(n: string): string {
  return `'c' || lpad((${n})::text, 24, '0')`;
}

/** pgbench variables k1..kN: random message numbers inside this client's own range. */
function ownMessageVariables(rows: number): string {
  const lines = [`\\set base :client_id * ${MESSAGES_PER_CLIENT}`];
  for (let i = 1; i <= rows; i++) lines.push(`\\set k${i} :base + random(0, ${MESSAGES_PER_CLIENT - 1})`);
  return lines.join("\n");
}

function idArray(rows: number): string {
  return `ARRAY[${Array.from({ length: rows }, (_, i) => messageId(`:k${i + 1}`)).join(", ")}]`;
}

/** The group-committed receipt write: N rows, unique key, duplicates dropped. */
export function insertBatchScript(rows: number, payloadJson: string): string {
  const payload = `'${payloadJson.replace(/'/g, "''")}'`;
  const values = Array.from(
    { length: rows },
    (_, i) =>
      `('r' || :client_id || '-' || :r || '-${i}', 'shop' || :shop || '.myshopify.com', 'orders/create', :client_id || '-' || :r || '-${i}', ${payload})`,
  );
  return `\\set r random(1, 1000000000000)
\\set shop :r % 50
BEGIN;
INSERT INTO receipt (id, shop_domain, topic, event_id, payload) VALUES
${values.join(",\n")}
ON CONFLICT (shop_domain, topic, event_id) DO NOTHING;
COMMIT;
`;
}

/** The batched send-status write: N messages by id, an indexed column changed (no HOT update). */
export function updateBatchScript(rows: number): string {
  return `${ownMessageVariables(rows)}
\\set r random(1, 1000000000000)
BEGIN;
UPDATE message SET delivery_status = 'SENT', provider_message_id = 'SM' || md5(id || :r),
  sent_at = now(), updated_at = now()
WHERE id = ANY(${idArray(rows)});
COMMIT;
`;
}

/** The batched read of a job's rows by id. */
export function selectBatchScript(rows: number): string {
  return `${ownMessageVariables(rows)}
BEGIN;
SELECT id, shop_id, conversation_id, customer_id, delivery_status, provider_message_id, body
FROM message WHERE id = ANY(${idArray(rows)});
COMMIT;
`;
}

/** One row, one autocommit: each transaction waits for its own WAL flush (group commit shares them). */
export const tinyCommitScript = `INSERT INTO tiny_commit (client, at) VALUES (:client_id, now());
`;

/** Every client increments one row, as a per-shop counter on the hot path would. */
export const hotRowScript = `BEGIN;
UPDATE hot_counter SET n = n + 1 WHERE id = 'shop-1';
COMMIT;
`;
