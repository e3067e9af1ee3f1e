// A PostgreSQL advisory lock held until the surrounding transaction ends: competing transactions
// that take the same key run one after the other. Keys are app strings, hashed to the lock's bigint.
import type { Tx } from "../commerce/transaction.server";

export async function lockUntilCommit(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}
