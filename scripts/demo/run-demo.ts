import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Session } from "@shopify/shopify-api";
import { startFakeShopifyAdmin } from "../../tests/fakes/shopify-admin";
import { generateShopDataset } from "../../tests/fakes/shopify-admin/dataset";
import { startVendorFakes } from "../../tests/fakes";
import { DEMO_SHOP_DOMAIN } from "../../app/shopify/demo-shop";
import { printBanner } from "./banner";

export interface DemoOptions {
  build?: () => void;
  port?: number;
  /** Tests start the demo in-process and stop it themselves. */
  installSignalHandlers?: boolean;
}

export interface RunningDemo {
  url: string;
  stop(): Promise<void>;
}

/** Port 0 means "any free port", but callback links need the real one before config() is read. */
async function choosePort(requested: number): Promise<number> {
  if (requested !== 0) return requested;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function runDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const port = await choosePort(options.port ?? Number(process.env.PORT ?? 3000));
  // Provider callbacks (Twilio status, unsubscribe links) must reach this process.
  process.env.SHOPIFY_APP_URL = `http://localhost:${port}`;
  // Stand-ins first: their URLs must be in the environment before config() is read.
  const shopifyAdmin = process.env.SHOPIFY_ADMIN_API_BASE_URL
    ? undefined
    : await startFakeShopifyAdmin({
        dataset: generateShopDataset({ seed: 7, customers: 36, abandonedCheckouts: 8 }),
        // A Shopify Plus-sized bucket keeps the demo's start quick; tests cover throttling.
        bucket: { maximumAvailable: 2000, restoreRate: 1000 },
      });
  if (shopifyAdmin) process.env.SHOPIFY_ADMIN_API_BASE_URL = shopifyAdmin.url;
  // Twilio's stand-in reports queued → sent → delivered back to us, like Twilio does.
  const vendors = await startVendorFakes({ twilio: { autoStatusCallbacks: { delayMs: 300 } } });
  for (const [key, value] of Object.entries(vendors.env)) process.env[key] ??= value;

  const { config } = await import("../../app/config.server");
  const { assertRedisReachable } = await import("../../app/jobs/connection.server");
  const { exitWithClearError, onShutdown } = await import("../../server/lifecycle");
  try {
    await assertRedisReachable();
  } catch (error) {
    await Promise.all([shopifyAdmin?.close(), vendors.close()]);
    exitWithClearError(error);
  }

  options.build?.();
  // The storefront serves the built widget; build it when no build is there yet.
  const { WIDGET_BUNDLE, buildWidget } = await import("../build-widget");
  const { existsSync } = await import("node:fs");
  if (!existsSync(WIDGET_BUNDLE)) await buildWidget();
  const { migrateDatabase } = await import("../../app/db/migrate.server");
  await migrateDatabase();

  const { sessionStorage } = await import("../../app/shopify.server");
  const { onShopInstalled } = await import("../../app/shopify/install.server");
  const { startWorkers } = await import("../../app/jobs/worker.server");
  const { startWebServer } = await import("../../server/http.server");
  const { seedDemoConversations } = await import("./seed-conversations");
  const { seedDemoChannels } = await import("./seed-channels");
  const { mountDemoStorefront, STOREFRONT_BASE } = await import("./storefront/mount-storefront");

  const workers = await startWorkers();
  // Installed like a real shop: an offline session, then the afterAuth path.
  const session = new Session({
    id: `offline_${DEMO_SHOP_DOMAIN}`,
    shop: DEMO_SHOP_DOMAIN,
    state: "demo",
    isOnline: false,
    scope: config().SCOPES,
    accessToken: "shpat_threadline_demo_offline_token",
  });
  await sessionStorage.storeSession(session);
  const shop = await onShopInstalled(session);
  await seedDemoChannels(shop.id, "Threadline Demo Outfitters");

  const web = await startWebServer({
    port,
    host: "127.0.0.1",
    mount: (app) => mountDemoStorefront(app, () => config().SHOPIFY_APP_URL),
  });
  const seeded = await seedDemoConversations(shop.id);

  const stopAll = async () => {
    await web.close();
    await workers.close();
    await Promise.all([shopifyAdmin?.close(), vendors.close()]);
  };
  if (options.installSignalHandlers !== false) {
    onShutdown([{ name: "demo", close: stopAll }]);
  }
  printBanner({
    url: web.url,
    storefrontUrl: `${config().SHOPIFY_APP_URL}${STOREFRONT_BASE}`,
    shopDomain: DEMO_SHOP_DOMAIN,
    apiSecret: config().SHOPIFY_API_SECRET,
    standIns: {
      "Shopify Admin API": config().SHOPIFY_ADMIN_API_BASE_URL ?? "",
      Twilio: config().TWILIO_API_BASE_URL ?? "",
      SendGrid: config().SENDGRID_API_BASE_URL ?? "",
      Meta: config().META_GRAPH_API_BASE_URL ?? "",
    },
    conversations: seeded,
  });
  return {
    url: web.url,
    async stop() {
      await stopAll();
      const { closeQueues } = await import("../../app/jobs/enqueue.server");
      const { disconnectDb } = await import("../../app/db/client.server");
      await closeQueues();
      await disconnectDb();
    },
  };
}
