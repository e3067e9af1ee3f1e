// Demo sign-in (the admin opens as the demo shop's staff, no Shopify) must be impossible outside
// `npm run demo`, whatever the environment says: an operator may copy THREADLINE_DEMO into a
// production .env. So besides the variable it needs a marker that only code running in this
// process can set — the demo runner sets it before it starts the web server — and a request
// addressed to this machine's loopback name. Decision 0024.
import { config } from "../config.server";

// A registered symbol on globalThis: the Remix build and the tsx-loaded runner each carry their own
// copy of this module, but share the one process-wide global.
const DEMO_RUNNER = Symbol.for("threadline.demo-runner");
type Marked = { [DEMO_RUNNER]?: boolean };

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Called by scripts/demo/run-demo.ts only (and tests that stand in for it). */
export function markDemoRunner(on = true): void {
  (globalThis as Marked)[DEMO_RUNNER] = on;
}

export function demoRunnerActive(): boolean {
  return (globalThis as Marked)[DEMO_RUNNER] === true;
}

/** Whether this request may be signed in as the demo shop. */
export function demoSignInAllowed(request: Request): boolean {
  const { THREADLINE_DEMO, NODE_ENV } = config();
  if (!THREADLINE_DEMO || NODE_ENV === "production" || !demoRunnerActive()) return false;
  // The demo listens on 127.0.0.1; a loopback Host also defeats DNS rebinding from a web page.
  return LOOPBACK_HOSTS.has(new URL(request.url).hostname);
}
