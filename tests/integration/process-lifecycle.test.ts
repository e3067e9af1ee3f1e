import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { assertRedisReachable } from "../../app/jobs/connection.server";

const UNREACHABLE_REDIS = "redis://127.0.0.1:1";

function runScript(script: string, env: Record<string, string>, onOutput?: (text: string, kill: () => void) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", script], {
      env: { ...process.env, LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    // One SIGTERM, as a supervisor sends: output arriving during shutdown must not signal again
    // (tsx's own runner answers a second SIGTERM by exiting 143).
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill("SIGTERM");
    };
    child.stdout.on("data", (d) => {
      stdout += d;
      onOutput?.(stdout, kill);
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("when Redis is unreachable", () => {
  it("GIVEN a dead REDIS_URL WHEN probed THEN one clear error names REDIS_URL", async () => {
    await expect(assertRedisReachable(UNREACHABLE_REDIS)).rejects.toThrow(
      /Redis is not reachable at REDIS_URL=redis:\/\/127\.0\.0\.1:1/,
    );
  });

  it.each([["server/worker.ts"], ["server/start.ts"], ["scripts/demo.ts"]])(
    "GIVEN a dead REDIS_URL WHEN %s starts THEN it prints one line naming REDIS_URL and exits 1",
    async (script) => {
      const result = await runScript(script, { REDIS_URL: UNREACHABLE_REDIS, DATABASE_URL: process.env.DATABASE_URL! });
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^threadline: Redis is not reachable at REDIS_URL=redis:\/\/127\.0\.0\.1:1/);
    },
  );

  it("GIVEN the embedded database WHEN the worker is started on its own THEN it explains that PGlite needs one process", async () => {
    const result = await runScript("server/worker.ts", { DATABASE_URL: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PGlite\) can be opened by one process only/);
  });
});

describe("graceful shutdown", () => {
  it("GIVEN the app running web and workers WHEN it receives SIGTERM THEN it closes everything and exits 0", async () => {
    const result = await runScript(
      "server/start.ts",
      { PORT: "0", HOST: "127.0.0.1", DATABASE_URL: process.env.DATABASE_URL! },
      (out, kill) => {
        if (out.includes("threadline ready")) kill();
      },
    );
    expect(result.stdout).toContain("workers started");
    expect(result.stdout).toContain("shutting down");
    expect(result.stdout).toContain('"msg":"stopped"');
    expect(result.code).toBe(0);
  }, 60_000);
});
