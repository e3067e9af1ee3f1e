// On PGlite every statement takes its turn on one engine. With processing's statements already
// queued behind a transaction, the intake client's INSERT runs before all of them once the
// transaction ends (app/db/pglite-priority.server.ts). The order is read back from a serial column.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { newPglite, PrismaPGliteWithExtensions } from "../../app/db/client.server";
import { gateFor } from "../../app/db/pglite-priority.server";
import { PrismaClient } from "../../app/generated/prisma/client";

let pglite: PGlite;
let processing: PrismaClient;
let intake: PrismaClient;

beforeEach(async () => {
  pglite = newPglite();
  await pglite.exec(`CREATE TABLE turn (seq serial PRIMARY KEY, who text NOT NULL)`);
  processing = new PrismaClient({ adapter: new PrismaPGliteWithExtensions(pglite, "normal") });
  intake = new PrismaClient({ adapter: new PrismaPGliteWithExtensions(pglite, "intake") });
});

afterEach(async () => {
  await Promise.all([processing.$disconnect(), intake.$disconnect()]);
  await pglite.close();
});

/** Prisma's statements are lazy: this sends one off now, as awaiting it later would not. */
function issued<T>(statement: PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => statement.then(resolve, reject));
}

/** A processing transaction that holds the engine until the test ends it. */
async function openTransaction() {
  let endTransaction!: () => void;
  let opened!: () => void;
  const holding = new Promise<void>((resolve) => (endTransaction = resolve));
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const transaction = processing.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO turn (who) VALUES ('transaction')`;
    opened();
    await holding;
  });
  await isOpen;
  return { transaction, endTransaction };
}

async function order(): Promise<string[]> {
  const rows = await processing.$queryRaw<{ who: string }[]>`SELECT who FROM turn ORDER BY seq`;
  return rows.map((r) => r.who);
}

describe("intake first on the embedded database", () => {
  it("runs the intake INSERT before processing statements that were queued earlier", async () => {
    const { transaction, endTransaction } = await openTransaction();
    const gate = gateFor(pglite);

    const queued = [1, 2, 3, 4, 5].map((n) =>
      issued(processing.$executeRaw`INSERT INTO turn (who) VALUES (${`job ${n}`})`),
    );
    await vi.waitFor(() => expect(gate.waiting().normal).toBe(5));
    const receipt = issued(intake.$executeRaw`INSERT INTO turn (who) VALUES ('intake')`);
    await vi.waitFor(() => expect(gate.waiting().intake).toBe(1));

    endTransaction();
    await Promise.all([transaction, receipt, ...queued]);

    expect(await order()).toEqual(["transaction", "intake", "job 1", "job 2", "job 3", "job 4", "job 5"]);
  });

  it("keeps arrival order when every statement has the same priority", async () => {
    const { transaction, endTransaction } = await openTransaction();
    const gate = gateFor(pglite);
    const first = issued(processing.$executeRaw`INSERT INTO turn (who) VALUES ('job 1')`);
    await vi.waitFor(() => expect(gate.waiting().normal).toBe(1));
    const second = issued(processing.$executeRaw`INSERT INTO turn (who) VALUES ('job 2')`);
    await vi.waitFor(() => expect(gate.waiting().normal).toBe(2));

    endTransaction();
    await Promise.all([transaction, first, second]);

    expect(await order()).toEqual(["transaction", "job 1", "job 2"]);
  });

  it("lets the next one in when a transaction rolls back", async () => {
    const failed = processing.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO turn (who) VALUES ('rolled back')`;
      throw new Error("the job failed");
    });
    await expect(failed).rejects.toThrow("the job failed");
    await intake.$executeRaw`INSERT INTO turn (who) VALUES ('intake')`;

    expect(await order()).toEqual(["intake"]);
    expect(gateFor(pglite).waiting()).toEqual({ intake: 0, normal: 0 });
  });
});
