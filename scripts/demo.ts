// `npm run demo`: the whole app on embedded defaults, in one process: PGlite,
// local stand-ins for Shopify's Admin API, Twilio, SendGrid and Meta, the web
// server and the workers, and a demo shop imported through the real backfill.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import dotenv from "dotenv";
import { DEMO_URL_FILE } from "./demo/demo-url";
import { envFileFromExample } from "./demo/env-file";

if (process.env.NODE_ENV === "production") {
  console.error("threadline: demo mode refuses NODE_ENV=production (it signs in without Shopify). Use `npm start`.");
  process.exit(1);
}
if (!existsSync(".env")) {
  writeFileSync(".env", envFileFromExample(readFileSync(".env.example", "utf8"), { PORT: process.env.PORT }));
  console.log("threadline: created .env from .env.example");
}
dotenv.config({ quiet: true });
process.env.THREADLINE_DEMO = "1";
process.env.HOST = "127.0.0.1";

const { runDemo } = await import("./demo/run-demo");
const { buildWidget } = await import("./build-widget");
// Rebuilt on every start so the storefront always shows the current widget source.
await buildWidget();
await runDemo({
  urlFile: DEMO_URL_FILE,
  build: () =>
    execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "inherit" }),
});
