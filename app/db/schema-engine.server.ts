// Prisma's schema engine compiled to wasm, so that migrations apply and drift is
// detected without downloading the native engine (docs/decisions/0002).
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

export const PRISMA_DIR = resolve(process.cwd(), "prisma");
export const SCHEMA_PATH = join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = join(PRISMA_DIR, "migrations");

interface WasmSchemaEngine {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string }>;
  free(): void;
}

let engineModule: Promise<{ SchemaEngine: { new: (...args: unknown[]) => Promise<WasmSchemaEngine> } }> | undefined;

async function loadEngineModule() {
  const require = createRequire(import.meta.url);
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const pkgDir = dirname(bgPath);
  const bindings = await import(pathToFileURL(bgPath).href);
  const wasmBytes = await readFile(join(pkgDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(wasmBytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bindings;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: WasmSchemaEngine) => Promise<T>,
): Promise<T> {
  engineModule ??= loadEngineModule();
  const { SchemaEngine } = await engineModule;
  const schemaText = await readFile(SCHEMA_PATH, "utf8");
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schemaText]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
  }
}

export async function readMigrationsList() {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: await readFile(join(MIGRATIONS_DIR, name, "migration.sql"), "utf8") },
      },
    })),
  );
  const lockPath = join(MIGRATIONS_DIR, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory) {
  const migrationsList = await readMigrationsList();
  return withSchemaEngine(adapterFactory, (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }));
}

/**
 * SQL that would bring the migrations folder up to schema.prisma; empty when
 * they agree. Needs a factory that can provide a shadow database (PGlite does).
 */
export async function diffMigrationsToSchema(adapterFactory: SqlMigrationAwareDriverAdapterFactory) {
  const migrationsList = await readMigrationsList();
  const schemaText = await readFile(SCHEMA_PATH, "utf8");
  const result = await withSchemaEngine(adapterFactory, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schemaText }] },
      script: true,
      exitCode: true,
      shadowDatabaseUrl: null,
      filters: NO_FILTERS,
    }),
  );
  return result.exitCode === 2 ? result.stdout : "";
}
