// Which app webhook:send talks to: an explicit URL wins; otherwise the running
// demo's own URL (it writes .data/demo-url on start, whatever PORT it got);
// otherwise localhost on PORT, as `npm start` listens.
import { readDemoUrl, DEMO_URL_FILE } from "../demo/demo-url";

export interface WebhookTarget {
  url: string;
  /** Said in error lines so a person knows why that URL was tried. */
  source: string;
}

/** A bare origin (http://localhost:3200) means its /webhooks endpoint. */
function webhooksEndpoint(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === "/" || parsed.pathname === "") parsed.pathname = "/webhooks";
  return parsed.toString();
}

export function webhookTarget(explicit: string | undefined, env: { PORT?: string }, urlFile = DEMO_URL_FILE) {
  if (explicit) return { url: webhooksEndpoint(explicit), source: "the URL argument" } satisfies WebhookTarget;
  const demoUrl = readDemoUrl(urlFile);
  if (demoUrl) return { url: webhooksEndpoint(demoUrl), source: `the running demo, from ${urlFile}` };
  const port = env.PORT ?? "3000";
  return { url: `http://localhost:${port}/webhooks`, source: `PORT=${port}; no demo URL in ${urlFile}` };
}
