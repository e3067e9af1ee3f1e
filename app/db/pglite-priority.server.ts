// PGlite runs every statement through one wasm engine in this thread, one at a time, in arrival
// order; an interactive transaction holds it from BEGIN to COMMIT (pglite-prisma-adapter opens it
// with PGlite's transaction(), which takes the engine's transaction mutex for the whole callback).
// Under a backlog, a webhook's receipt INSERT would queue behind every processing statement and
// transaction already waiting. Each Prisma client on a PGlite therefore takes turns through one
// PriorityGate per PGlite: the intake client's statements go before any processing statement that
// waits, and wait at most for the one statement or transaction that holds the engine
// (docs/decisions/0048-intake-before-processing.md).
import type { PGlite } from "@electric-sql/pglite";
import type { IsolationLevel, SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { PriorityGate, type DbPriority } from "./priority-gate.server";

const gates = new WeakMap<PGlite, PriorityGate>();

/** The gate every client on this PGlite takes turns through. */
export function gateFor(pglite: PGlite): PriorityGate {
  let gate = gates.get(pglite);
  if (!gate) {
    gate = new PriorityGate();
    gates.set(pglite, gate);
  }
  return gate;
}

const nextLoopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A transaction's statements follow one another as promise callbacks; without a loop turn between
 * them a long transaction would keep every socket unread until it commits. The engine stays this
 * transaction's meanwhile, but webhooks are read, verified and queued at the front for it.
 */
function yieldBetweenStatements(tx: Transaction) {
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  tx.queryRaw = async (query: SqlQuery) => {
    await nextLoopTurn();
    return queryRaw(query);
  };
  tx.executeRaw = async (query: SqlQuery) => {
    await nextLoopTurn();
    return executeRaw(query);
  };
}

/** Makes every use of `adapter` (a statement, a script, a whole transaction) one turn of `gate`. */
export function takeTurnsThroughGate(
  adapter: SqlDriverAdapter,
  gate: PriorityGate,
  priority: DbPriority,
): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = (query: SqlQuery) => gate.run(priority, () => queryRaw(query));
  adapter.executeRaw = (query: SqlQuery) => gate.run(priority, () => executeRaw(query));
  adapter.executeScript = (script: string) => gate.run(priority, () => executeScript(script));
  adapter.startTransaction = async (isolationLevel?: IsolationLevel) => {
    const release = await gate.acquire(priority);
    let tx: Transaction;
    try {
      tx = await startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    if (priority === "normal") yieldBetweenStatements(tx);
    // The turn lasts until the transaction ends, whichever way it ends.
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = () => commit().finally(release);
    tx.rollback = () => rollback().finally(release);
    return tx;
  };
  return adapter;
}
