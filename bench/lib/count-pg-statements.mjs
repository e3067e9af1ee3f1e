// Loaded with NODE_OPTIONS=--import into bench/dispatch-profile.ts by
// bench/primary.ts: counts, at the pg driver, every statement this process
// sends (Prisma's and raw pg alike, BEGIN included) and the commits that wrote,
// i.e. that waited for a WAL flush. Writes its counts to
// $PG_COUNT_DIR/<pid>.json when the process exits.
import { writeFileSync } from "node:fs";
import pg from "pg";

const dir = process.env.PG_COUNT_DIR;
const counts = { statements: 0, begins: 0, commits: 0, writeCommits: 0, autocommitWrites: 0 };
const transactions = new WeakMap();
// Keywords are upper case in Prisma's and the app's SQL; "updatedAt" does not match.
const WRITE = /\b(INSERT|UPDATE|DELETE|MERGE)\b/;

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const text = typeof config === "string" ? config : (config?.text ?? "");
  const verb = text.trim().split(/\s+/)[0]?.toUpperCase();
  const tx = transactions.get(this);
  counts.statements++;
  if (verb === "BEGIN" || verb === "START") {
    counts.begins++;
    transactions.set(this, { wrote: false });
  } else if (verb === "COMMIT" || verb === "END") {
    counts.commits++;
    if (tx?.wrote) counts.writeCommits++;
    transactions.delete(this);
  } else if (verb === "ROLLBACK") {
    transactions.delete(this);
  } else if (WRITE.test(text)) {
    if (tx) tx.wrote = true;
    else counts.autocommitWrites++;
  }
  return query.call(this, config, ...rest);
};

if (dir) {
  process.on("exit", () => {
    if (counts.statements > 0) writeFileSync(`${dir}/${process.pid}.json`, JSON.stringify(counts));
  });
}
