// Builds the storefront chat widget (extensions/chat-widget/src → assets/chat-widget.js) and
// fails when its gzipped size exceeds the budget: the widget loads on every storefront page.
//   npm run build:widget
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const root = resolve(import.meta.dirname, "..");
export const WIDGET_ENTRY = resolve(root, "extensions/chat-widget/src/main.ts");
export const WIDGET_BUNDLE = resolve(root, "extensions/chat-widget/assets/chat-widget.js");
export const WIDGET_BUDGET_BYTES = 15 * 1024;

export interface SizeCheck {
  ok: boolean;
  gzipBytes: number;
  budgetBytes: number;
  message: string;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

/** Bundles the widget as one minified IIFE for the browsers Shopify themes support. */
export async function buildWidget(outfile = WIDGET_BUNDLE): Promise<void> {
  await build({
    entryPoints: [WIDGET_ENTRY],
    outfile,
    bundle: true,
    format: "iife",
    target: "es2019",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
}

/** Gzips the file at level 9 (what CDNs serve at best) and compares it with the budget. */
export function checkBundleSize(file: string, budgetBytes = WIDGET_BUDGET_BYTES): SizeCheck {
  const gzipBytes = gzipSync(readFileSync(file), { level: 9 }).length;
  const ok = gzipBytes <= budgetBytes;
  const message = ok
    ? `chat widget: ${kb(gzipBytes)} gzipped (budget ${kb(budgetBytes)})`
    : `chat widget is ${kb(gzipBytes)} gzipped, over its ${kb(budgetBytes)} budget by ${kb(gzipBytes - budgetBytes)}: ` +
      `make the widget smaller rather than raising the budget.`;
  return { ok, gzipBytes, budgetBytes, message };
}

async function main() {
  await buildWidget();
  const check = checkBundleSize(WIDGET_BUNDLE);
  if (!check.ok) {
    console.error(check.message);
    process.exit(1);
  }
  console.log(check.message);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
