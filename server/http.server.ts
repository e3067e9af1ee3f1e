// The web process: Express serving the Remix build. Shopify webhooks need the
// raw body for their HMAC, so no body parser runs before Remix.
import { createServer, type Server } from "node:http";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { logger } from "../app/lib/logger.server";
import { refuseCrossOriginAdminWrites } from "./cross-origin-guard";
import { isShopifyWebhookRequest, shopifyWebhookRoute } from "./webhook-route";

const BUILD_DIR = resolve("build");

export async function loadServerBuild(): Promise<ServerBuild> {
  const entry = resolve(BUILD_DIR, "server", "index.js");
  if (!existsSync(entry)) {
    throw new Error("No production build found in build/. Run `npm run build` first.");
  }
  return (await import(pathToFileURL(entry).href)) as ServerBuild;
}

export interface WebServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(options: {
  port: number;
  host: string;
  mount?: (app: express.Express) => void;
}): Promise<WebServer> {
  const build = await loadServerBuild();
  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static(resolve(BUILD_DIR, "client", "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(resolve(BUILD_DIR, "client"), { maxAge: "1h" }));
  app.use(refuseCrossOriginAdminWrites);
  options.mount?.(app);
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

  // Shopify's webhooks skip Express entirely (server/webhook-route.ts); everything else is Express.
  const server = createServer((req, res) => {
    if (isShopifyWebhookRequest(req)) void shopifyWebhookRoute(req, res);
    else app(req, res);
  });
  // Shopify gives up on a webhook after 5 seconds; keep-alive helps load generators.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolvePromise());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${options.host === "0.0.0.0" ? "localhost" : options.host}:${port}`;
  logger.info({ url }, "web server listening");
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeIdleConnections();
      }),
  };
}
