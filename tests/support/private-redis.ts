// A redis-server of a test file's own, for tests that FLUSHALL or kill things and must not touch
// the other files' queues. Ports come from below Linux's ephemeral range (32768+), where a
// random pick could meet another test's outgoing socket; if the port is taken all the same,
// redis-server exits and another port is tried, and the file's REDIS_URL follows it.
import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";

export interface PrivateRedis {
  port: number;
  url: string;
  stop(): void;
}

const PORT_FLOOR = 20000;
const PORT_SPAN = 12000;

export function randomPrivatePort(): number {
  return PORT_FLOOR + Math.floor(Math.random() * PORT_SPAN);
}

async function answersPing(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

async function startOn(port: number, waitMs: number): Promise<ChildProcess | string> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  let exited = false;
  child.once("exit", () => (exited = true));
  child.once("error", (error) => {
    exited = true;
    output += String(error);
  });
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline && !exited) {
    if (await answersPing(`redis://127.0.0.1:${port}`)) {
      // Nobody reads the pipes from here on; unpiped they would fill and block the server.
      child.stdout?.resume();
      child.stderr?.resume();
      return child;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  return output.trim().split("\n").slice(-3).join(" | ") || "no answer";
}

/**
 * Starts a private redis-server, first on `preferredPort` (the one the file's REDIS_URL was set to
 * before its imports), and sets REDIS_URL to wherever it ended up; the caller resets its config
 * cache afterwards.
 */
export async function startPrivateRedis(preferredPort = randomPrivatePort(), waitMs = 20_000): Promise<PrivateRedis> {
  const failures: string[] = [];
  let port = preferredPort;
  for (let attempt = 0; attempt < 4; attempt++, port = randomPrivatePort()) {
    const started = await startOn(port, waitMs);
    if (typeof started === "string") {
      failures.push(`port ${port}: ${started}`);
      continue;
    }
    const url = `redis://127.0.0.1:${port}`;
    process.env.REDIS_URL = url;
    return { port, url, stop: () => void started.kill("SIGKILL") };
  }
  throw new Error(`private redis-server did not start (${failures.join("; ")})`);
}
