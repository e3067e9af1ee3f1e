// One Prisma client per process, on PGlite by default or PostgreSQL when
// DATABASE_URL is set (docs/decisions/0001). Kept on globalThis because the
// Remix bundle and the worker code load this module separately in one process.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { config } from "../config.server";
import { PrismaClient } from "../generated/prisma/client";
import { gateFor, takeTurnsThroughGate } from "./pglite-priority.server";
import type { DbPriority } from "./priority-gate.server";
import { SerializedTransactionsPrismaPg } from "./serialized-pg.server";

export type Db = PrismaClient;

export interface DatabaseTarget {
  kind: "postgres" | "pglite";
  /** Connection string without our `schema` parameter, or the PGlite folder. */
  location: string;
  schema?: string;
}

/** `null` asks for the embedded database explicitly; `undefined` reads DATABASE_URL. */
export function describeDatabase(
  databaseUrl: string | null | undefined = config().DATABASE_URL,
  pgliteDir = config().PGLITE_DIR,
): DatabaseTarget {
  if (!databaseUrl) return { kind: "pglite", location: resolve(pgliteDir) };
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  return { kind: "postgres", location: url.toString(), schema };
}

/** Webhook intake's own connections on PostgreSQL: it never queues behind processing for one. */
const INTAKE_POOL_SIZE = 3;

export function createAdapterFactory(
  target: DatabaseTarget,
  priority: DbPriority = "normal",
): SqlMigrationAwareDriverAdapterFactory {
  if (target.kind === "postgres") {
    return new SerializedTransactionsPrismaPg(
      {
        connectionString: target.location,
        // public after the app schema: extensions (pg_trgm's operator classes) live there.
        options: target.schema ? `-c search_path="${target.schema}",public` : undefined,
        max: priority === "intake" ? INTAKE_POOL_SIZE : 10,
      },
      { schema: target.schema },
    );
  }
  return new PrismaPGliteWithExtensions(openPglite(target.location), priority);
}

/** The extensions the migrations create (pg_trgm for inbox search), loaded into every PGlite. */
const PGLITE_EXTENSIONS = { pg_trgm };

/** A PGlite with the extensions loaded; in memory without a folder. */
export function newPglite(dataDir?: string): PGlite {
  return new PGlite(dataDir, { extensions: PGLITE_EXTENSIONS });
}

/** The PGlite adapter factory, whose shadow database (for migration diffs) loads the extensions too. */
export class PrismaPGliteWithExtensions extends PrismaPGlite {
  constructor(
    private readonly pglite: PGlite,
    private readonly priority: DbPriority = "normal",
  ) {
    super(pglite);
  }

  /** Every client on one PGlite takes turns through its gate, intake first (pglite-priority.server.ts). */
  override async connect() {
    if (config().INTAKE_PRIORITY === "off") return super.connect();
    return takeTurnsThroughGate(await super.connect(), gateFor(this.pglite), this.priority);
  }

  override connectToShadowDb() {
    return new PrismaPGlite(newPglite("memory://shadow")).connect();
  }
}

const globalForPglite = globalThis as unknown as { threadlinePglite?: Map<string, PGlite> };

/** PGlite is single-process and must never be opened twice on one folder. */
function openPglite(dir: string): PGlite {
  const open = (globalForPglite.threadlinePglite ??= new Map());
  let instance = open.get(dir);
  if (!instance || instance.closed) {
    mkdirSync(dir, { recursive: true });
    instance = newPglite(dir);
    open.set(dir, instance);
  }
  return instance;
}

export function createDb(target: DatabaseTarget = describeDatabase()): Db {
  return new PrismaClient({ adapter: createAdapterFactory(target) });
}

const globalForDb = globalThis as unknown as { threadlineDb?: Db; threadlineIntakeDb?: Db };

/** The process-wide client. */
export function db(): Db {
  globalForDb.threadlineDb ??= createDb();
  return globalForDb.threadlineDb;
}

/**
 * Webhook intake's client (the receipt INSERT): its own small pool on PostgreSQL, the front of the
 * queue on PGlite, so a processing backlog never stands between a webhook and its 200.
 */
export function intakeDb(): Db {
  if (config().INTAKE_PRIORITY === "off") return db();
  globalForDb.threadlineIntakeDb ??= new PrismaClient({ adapter: createAdapterFactory(describeDatabase(), "intake") });
  return globalForDb.threadlineIntakeDb;
}

export async function disconnectDb() {
  const current = [globalForDb.threadlineDb, globalForDb.threadlineIntakeDb];
  globalForDb.threadlineDb = undefined;
  globalForDb.threadlineIntakeDb = undefined;
  await Promise.all(current.map((client) => client?.$disconnect()));
  const pglites = [...(globalForPglite.threadlinePglite?.values() ?? [])];
  globalForPglite.threadlinePglite?.clear();
  await Promise.all(pglites.filter((p) => !p.closed).map((p) => p.close()));
}
