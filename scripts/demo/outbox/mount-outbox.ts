// `/demo/outbox`: what the demo's stand-ins captured (demo only: mounted by run-demo.ts, never by
// the production server). Read-only and same-process: the page reads the stand-ins' own records.
import type { Express } from "express";
import { config } from "../../../app/config.server";
import { db } from "../../../app/db/client.server";
import { logger } from "../../../app/lib/logger.server";
import { DEMO_SHOP_DOMAIN } from "../../../app/shopify/demo-shop";
import type { VendorFakes } from "../../../tests/fakes";
import { outboxEntries } from "./outbox-entries";
import { outboxPageHtml, type StandInInfo } from "./outbox-page";

export const OUTBOX_PATH = "/demo/outbox";

const CHANNEL_NAME: Record<string, string> = { MESSENGER: "Messenger", INSTAGRAM: "Instagram" };

/** Meta's Send API call names no channel: the demo shop's message row with that provider id does. */
async function metaChannels(messageIds: string[]): Promise<Map<string, string>> {
  if (!messageIds.length) return new Map();
  const rows = await db().message.findMany({
    where: { shop: { domain: DEMO_SHOP_DOMAIN }, providerMessageId: { in: messageIds } },
    select: { providerMessageId: true, channel: true },
  });
  return new Map(rows.map((r) => [r.providerMessageId ?? "", CHANNEL_NAME[r.channel] ?? r.channel]));
}

function standIns(vendors: VendorFakes): StandInInfo[] {
  const c = config();
  const info = (name: StandInInfo["name"], url: string, appTarget: string | undefined): StandInInfo => ({
    name,
    url,
    receivesTraffic: (appTarget ?? "").replace(/\/+$/, "") === url.replace(/\/+$/, ""),
    appTarget: appTarget ?? "the provider's default URL",
  });
  return [
    info("Twilio", vendors.twilio.url, c.TWILIO_API_BASE_URL),
    info("SendGrid", vendors.sendgrid.url, c.SENDGRID_API_BASE_URL),
    info("Meta", vendors.meta.url, c.META_GRAPH_API_BASE_URL),
  ];
}

export function mountDemoOutbox(app: Express, vendors: VendorFakes): void {
  app.get(OUTBOX_PATH, async (_req, res) => {
    try {
      const channels = await metaChannels(vendors.meta.messages.map((m) => m.messageId));
      const entries = outboxEntries(vendors, (id) => channels.get(id));
      res
        .status(200)
        .set({
          "Cache-Control": "no-store",
          "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        })
        .type("html")
        .send(outboxPageHtml({ entries, standIns: standIns(vendors), appUrl: config().SHOPIFY_APP_URL }));
    } catch (err) {
      logger.error({ err: (err as Error).message }, "demo outbox failed");
      res.status(500).type("text").send("The demo outbox could not be read; see the demo's log.");
    }
  });
}
