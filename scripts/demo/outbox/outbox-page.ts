// /demo/outbox as HTML: plain and readable, no script. Every value is escaped, because bodies are
// what staff and flows wrote to customers (and may quote customer text): never HTML here.
import { escapeHtml } from "../storefront/page-html";
import type { OutboxEntry, OutboxProvider } from "./outbox-entries";

export interface StandInInfo {
  name: OutboxProvider;
  url: string;
  /** False when the provider's *_BASE_URL sends the app's traffic elsewhere. */
  receivesTraffic: boolean;
  appTarget: string;
}

const STYLES = `
body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#202223;background:#f6f6f7}
header{padding:16px 24px;background:#fff3c4}header h1{margin:0 0 4px;font-size:22px}
main{max-width:1100px;margin:0 auto;padding:16px 24px 48px}
ul.standins{padding-left:20px}article{background:#fff;border:1px solid #e1e3e5;border-radius:8px;padding:12px 16px;margin:12px 0}
article.refused{border-color:#e0b3b2;background:#fff8f8}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{color:#6d7175}dd{margin:0;overflow-wrap:anywhere}
.body{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,monospace;background:#f6f6f7;padding:8px;border-radius:4px;margin:0}
ol.callbacks{margin:0;padding-left:20px}`;

const time = (d: Date) =>
  d
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");

function entryHtml(e: OutboxEntry): string {
  const rows: Array<[string, string]> = [
    ["Time", time(e.at)],
    ["Provider", e.provider],
    ["Channel", e.channel],
    ["To", e.to || "(none)"],
  ];
  if (e.from) rows.push(["From", e.from]);
  if (e.subject !== null) rows.push(["Subject", e.subject]);
  rows.push(["Outcome", e.outcome]);
  const callbacks = e.callbacks.length
    ? `<dt>Status callbacks</dt><dd><ol class="callbacks">${e.callbacks
        .map(
          (c) =>
            `<li><span class="callback-status">${escapeHtml(c.status)}</span> at ${escapeHtml(time(c.at))} → app answered ${escapeHtml(c.answer)}</li>`,
        )
        .join("")}</ol></dd>`
    : e.provider === "Twilio" && e.accepted
      ? "<dt>Status callbacks</dt><dd>none yet</dd>"
      : "";
  return `<article class="outbox-entry${e.accepted ? "" : " refused"}" data-provider="${escapeHtml(e.provider)}">
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}
<dt>Body</dt><dd><pre class="body">${escapeHtml(e.body)}</pre></dd>${callbacks}</dl>
</article>`;
}

// Everything listens on 127.0.0.1; the banner spells it localhost, and so does this page.
const sameHost = (url: string) => url.replace(/^(https?:\/\/)127\.0\.0\.1(?=[:/]|$)/, "$1localhost");

function standInHtml(s: StandInInfo, count: number): string {
  const where = s.receivesTraffic
    ? `${count} request${count === 1 ? "" : "s"} captured`
    : `not in use: the app sends ${escapeHtml(s.name)} traffic to ${escapeHtml(sameHost(s.appTarget))}`;
  return `<li><strong>${escapeHtml(s.name)}</strong> stand-in at ${escapeHtml(sameHost(s.url))}: ${where}</li>`;
}

export function outboxPageHtml(opts: { entries: OutboxEntry[]; standIns: StandInInfo[]; appUrl: string }): string {
  const counts = new Map<string, number>();
  for (const e of opts.entries) counts.set(e.provider, (counts.get(e.provider) ?? 0) + 1);
  const list = opts.entries.length
    ? opts.entries.map(entryHtml).join("\n")
    : "<p>Nothing has gone out yet. Reply to a conversation in the inbox, or switch a flow on, then reload.</p>";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Demo outbox – Threadline</title>
<style>${STYLES}</style>
</head>
<body>
<header><h1>Demo outbox</h1>
<p>What the local stand-ins for Twilio, SendGrid and Meta received from the app: nothing here reached a real phone, inbox or account. Newest first. <a href="/demo/outbox">Reload</a> · <a href="${escapeHtml(opts.appUrl)}/app">Back to the app</a></p></header>
<main>
<ul class="standins">${opts.standIns.map((s) => standInHtml(s, counts.get(s.name) ?? 0)).join("")}</ul>
${list}
</main>
</body>
</html>`;
}
