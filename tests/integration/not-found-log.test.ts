// A browser asking for /favicon.ico (or any path with no route) is routine: the
// log gets one short line, never a stack trace. A real failure keeps its stack.
import { Writable } from "node:stream";
import { createStaticHandler, type StaticHandlerContext } from "@remix-run/router";
import pino from "pino";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const logged: string[] = [];
// The app's own logger, writing where the test can read it (set before anything creates it).
(globalThis as { threadlineLogger?: pino.Logger }).threadlineLogger = pino(
  { level: "info" },
  new Writable({
    write(chunk, _encoding, done) {
      logged.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  }),
);

let handleError: (error: unknown, args: { request: Request; params: object; context: object }) => void;

beforeAll(async () => {
  const entry = await import("../../app/entry.server");
  handleError = entry.handleError as typeof handleError;
});

afterEach(() => {
  logged.length = 0;
  vi.restoreAllMocks();
});

/** The error Remix's router produces for a URL no route matches, exactly as handleError receives it. */
async function noRouteError(request: Request): Promise<unknown> {
  const { query } = createStaticHandler([{ id: "root", path: "/app" }]);
  const context = (await query(request)) as StaticHandlerContext;
  return Object.values(context.errors ?? {})[0];
}

describe("request errors in the log", () => {
  it("GIVEN a request for /favicon.ico WHEN no route matches THEN the log gets one line without a stack", async () => {
    const consoleError = vi.spyOn(console, "error");
    const request = new Request("http://localhost:3000/favicon.ico");

    handleError(await noRouteError(request), { request, params: {}, context: {} });

    expect(logged).toHaveLength(1);
    const line = JSON.parse(logged[0]);
    expect(line).toMatchObject({ method: "GET", path: "/favicon.ico", status: 404 });
    expect(logged[0]).not.toContain("    at ");
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("GIVEN a loader that crashes WHEN the error is handled THEN it is logged as an error with its stack", () => {
    const request = new Request("http://localhost:3000/app/inbox");

    handleError(new Error("database went away"), { request, params: {}, context: {} });

    const line = JSON.parse(logged[0]);
    expect(line.level).toBe(50);
    expect(line.err.message).toBe("database went away");
    expect(line.err.stack).toContain("    at ");
  });
});
