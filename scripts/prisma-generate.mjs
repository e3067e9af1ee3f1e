// Runs `prisma generate` without internet. Prisma tries to fetch its native
// schema engine first even though generate never uses it, so we point it at a
// stub executable (see ../shared/PLATFORM-NOTES.md and docs/decisions/0002).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const prismaCli = join("node_modules", "prisma", "build", "index.js");
if (!existsSync(prismaCli)) {
  console.log("prisma is not installed (production install?); skipping generate");
  process.exit(0);
}
const stubDir = join(tmpdir(), "threadline-prisma-stub");
mkdirSync(stubDir, { recursive: true });
const stub = join(stubDir, "schema-engine");
writeFileSync(stub, "#!/bin/sh\nexit 0\n");
chmodSync(stub, 0o755);

execFileSync(process.execPath, [prismaCli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
