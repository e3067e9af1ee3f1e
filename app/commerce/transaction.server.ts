// Jobs run concurrently (worker concurrency 20), so two payloads about the same
// customer or order can race to create the same row. Postgres aborts the whole
// transaction on a unique violation, so the retry re-runs all of it: the second
// attempt then finds the row the winner created.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";

export type Tx = Prisma.TransactionClient;

const RETRYABLE_CODES = new Set(["P2002", "P2034"]);
const MAX_TRIES = 5;

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

// Deadlocks and serialization failures from raw queries arrive as P2010 with the SQLSTATE in the message.
const RETRYABLE_SQLSTATES = /\b(40P01|40001)\b/;

function isRetryable(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return RETRYABLE_CODES.has(error.code) || RETRYABLE_SQLSTATES.test(error.message);
}

export async function inRetryingTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Generous waits: with 20 concurrent jobs the pool (10) is often busy.
      return await db().$transaction(work, { maxWait: 15_000, timeout: 30_000 });
    } catch (error) {
      if (!isRetryable(error) || attempt >= MAX_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 40));
    }
  }
}
