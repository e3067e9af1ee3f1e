import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Session } from "@shopify/shopify-api";
import { startFakeShopifyAdmin } from "../../tests/fakes/shopify-admin";
import { generateShopDataset } from "../../tests/fakes/shopify-admin/dataset";
import { startVendorFakes } from "../../tests/fakes";
import { DEMO_SHOP_DOMAIN } from "../../app/shopify/demo-shop";
import { printBanner } from "./banner";
import { removeDemoUrl, writeDemoUrl } from "./demo-url";

export interface DemoOptions {
  build?: () => void;
  port?: number;
  /** Where to write the demo's URL for webhook:send (`npm run demo`: .data/demo-url); tests leave it unset. */
  urlFile?: string;
  /** Tests start the demo in-process and stop it themselves. */
  installSignalHandlers?: boolean;
}

export interface RunningDemo {
  url: string;
  stop(): Promise<void>;
}

/**
 * Port 0 means "any free port", but callback links need the real one before config() is read. The
 * probe keeps holding the port through start-up (seconds: stand-ins, migrations, the widget build)
 * and lets it go only just before the web server listens: released at once, another process's
 * `listen(0)` or outgoing socket could take it meanwhile (EADDRINUSE seen in CI).
 */
async function choosePort(requested: number): Promise<{ port: number; release: () => Promise<void> }> {
  if (requested !== 0) return { port: requested, release: async () => undefined };
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  probe.unref(); // a start-up that fails before the release must not be kept alive by it
  return { port, release: () => new Promise<void>((resolve) => probe.close(() => resolve())) };
}

export async function runDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const { port, release: releasePort } = await choosePort(options.port ?? Number(process.env.PORT ?? 3000));
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
  const { startAppWorkers } = await import("../../server/app-workers");
  const { startWebServer } = await import("../../server/http.server");
  const { markDemoRunner } = await import("../../app/shopify/demo-sign-in.server");
  const { seedDemoConversations } = await import("./seed-conversations");
  const { seedDemoChannels } = await import("./seed-channels");
  const { seedDemoKnowledge } = await import("./seed-knowledge");
  const { mountDemoStorefront, STOREFRONT_BASE } = await import("./storefront/mount-storefront");
  const { mountDemoOutbox, OUTBOX_PATH } = await import("./outbox/mount-outbox");

  const workers = await startAppWorkers();
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
  await seedDemoKnowledge(shop.id);

  // Only this runner may sign the admin in as the demo shop: THREADLINE_DEMO alone is not enough.
  markDemoRunner();
  await releasePort();
  const web = await startWebServer({
    port,
    host: "127.0.0.1",
    mount: (app) => {
      mountDemoStorefront(app, () => config().SHOPIFY_APP_URL);
      // What the stand-ins captured, for people: the SMS that "went out" (demo only).
      mountDemoOutbox(app, vendors);
    },
  });
  // The demo storefront is this shop's storefront: its page reports show to staff as links.
  const { addStorefrontHosts } = await import("../../app/chat/storefront-hosts.server");
  await addStorefrontHosts(shop.id, [new URL(config().SHOPIFY_APP_URL).host, new URL(web.url).host]);
  const seeded = await seedDemoConversations(shop.id);
  const appUrl = config().SHOPIFY_APP_URL;
  if (options.urlFile) writeDemoUrl(appUrl, options.urlFile);

  const stopAll = async () => {
    if (options.urlFile) removeDemoUrl(appUrl, options.urlFile);
    await web.close();
    await workers.close();
    await Promise.all([shopifyAdmin?.close(), vendors.close()]);
  };
  if (options.installSignalHandlers !== false) {
    onShutdown([{ name: "demo", close: stopAll }]);
  }
  printBanner({
    url: appUrl,
    storefrontUrl: `${appUrl}${STOREFRONT_BASE}`,
    outboxUrl: `${appUrl}${OUTBOX_PATH}`,
    shopDomain: DEMO_SHOP_DOMAIN,
    apiSecret: config().SHOPIFY_API_SECRET,
    standIns: {
      "Shopify Admin API": config().SHOPIFY_ADMIN_API_BASE_URL ?? "",
      Twilio: config().TWILIO_API_BASE_URL ?? "",
      SendGrid: config().SENDGRID_API_BASE_URL ?? "",
      Meta: config().META_GRAPH_API_BASE_URL ?? "",
      // Every OpenAI-format call (chat and embeddings) of a shop's language model goes here.
      "Language models": config().OPENAI_API_BASE_URL ?? "",
    },
    conversations: seeded,
  });
  return {
    url: web.url,
    async stop() {
      await stopAll();
      markDemoRunner(false);
      const { closeQueues } = await import("../../app/jobs/enqueue.server");
      const { disconnectDb } = await import("../../app/db/client.server");
      await closeQueues();
      await disconnectDb();
    },
  };
}
