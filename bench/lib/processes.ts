import { createWriteStream } from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";

export const TSX = ["node_modules/tsx/dist/cli.mjs"];

/** Runs a script to completion and parses the JSON line it prints last. */
export function runJson<T>(script: string, env: Record<string, string>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, script], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      try {
        if (code !== 0) throw new Error(`${script} exited ${code}`);
        resolve(JSON.parse(last) as T);
      } catch (error) {
        reject(new Error(`${script}: ${(error as Error).message}\n${out}`));
      }
    });
  });
}

/** Starts a long-running server script and resolves once a line matches `ready`. */
export function startServer(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each server, written when it exits (NODE_OPTIONS refuses --cpu-prof).
    // tsx's CLI would run the script in a child of its own; --import keeps it in the profiled process.
    const args = process.env.BENCH_CPU_PROF
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, "--import", "tsx", script]
      : [...TSX, script];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${out}`)), 60_000);
    child.stdout.on("data", (d) => {
      out += d;
      const match = out.match(ready);
      if (match) {
        clearTimeout(timer);
        child.stdout.removeAllListeners("data");
        // BENCH_SERVER_LOG=<file>: the servers' log lines, for looking into a figure.
        if (process.env.BENCH_SERVER_LOG)
          child.stdout.pipe(createWriteStream(process.env.BENCH_SERVER_LOG, { flags: "a" }));
        else child.stdout.resume();
        resolve({
          child,
          match,
          stop: () =>
            new Promise((done) => {
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.on("exit", (code) => reject(new Error(`${script} exited ${code} before it was ready:\n${out}`)));
  });
}
