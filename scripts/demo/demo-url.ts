// Where a running `npm run demo` says it listens, so helpers started from another
// shell (webhook:send) reach that demo and not whatever PORT their .env names.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

export const DEMO_URL_FILE = ".data/demo-url";

export function writeDemoUrl(url: string, file = DEMO_URL_FILE): void {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, `${url}\n`);
}

/** Only removes the file when it still names this demo: a second demo may have replaced it. */
export function removeDemoUrl(url: string, file = DEMO_URL_FILE): void {
  if (readDemoUrl(file) === url) rmSync(file, { force: true });
}

export function readDemoUrl(file = DEMO_URL_FILE): string | null {
  try {
    const url = readFileSync(file, "utf8").trim();
    return /^https?:\/\/\S+$/.test(url) ? url : null;
  } catch {
    return null;
  }
}
