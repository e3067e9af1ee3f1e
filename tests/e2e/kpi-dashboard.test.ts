// The KPI dashboard in Chromium against the real demo (embedded PGlite): seeded resolution cycles
// (an Instagram conversation answered and resolved, a Messenger one waiting) show on the Analytics
// page; a click on the Instagram bar of "Conversations by channel" opens exactly the matching
// conversations; the table view lists the same figures; the CSV export holds one row per cycle.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";
import type { Channel } from "../../app/generated/prisma/enums";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];
const ids: Record<string, string> = {};

beforeAll(async () => {
  session = await startDemoInBrowser("kpi-dashboard", 1400);
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

/** Two days ago at hh:mm UTC, so the default period (last 30 days) holds it. */
const daysAgo = (days: number, hour: number, minute = 0) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - days, hour, minute));
};

async function seed() {
  const { db } = await import("../../app/db/client.server");
  const { inRetryingTransaction } = await import("../../app/commerce/transaction.server");
  const { conversationForInbound, noteInbound } =
    await import("../../app/conversations/conversation-for-inbound.server");
  const { recordStaffReply } = await import("../../app/kpis/cycles.server");
  const { setConversationStatus } = await import("../../app/conversations/state.server");
  const { DEMO_SHOP_DOMAIN } = await import("../../app/shopify/demo-shop");
  const shop = await db().shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
  const write = async (name: string, channel: Channel, at: Date) => {
    const customer = await db().customer.create({
      data: { shopId: shop.id, firstName: name, lastName: "Kpi", email: `${randomUUID()}@example.com` },
    });
    return inRetryingTransaction(async (tx) => {
      const conversationId = await conversationForInbound(tx, shop.id, customer.id);
      await tx.message.create({
        data: {
          shopId: shop.id,
          conversationId,
          customerId: customer.id,
          direction: "INBOUND",
          channel,
          author: "CUSTOMER",
          body: "Hello, where is my parcel?",
          deliveryStatus: "RECEIVED",
          idempotencyKey: randomUUID(),
          createdAt: at,
        },
      });
      await noteInbound(tx, conversationId, { channel, at, preview: "Hello, where is my parcel?" });
      return conversationId;
    });
  };
  ids.insta = await write("Iris", "INSTAGRAM", daysAgo(2, 10));
  await inRetryingTransaction(async (tx) => {
    const c = await tx.conversation.findUniqueOrThrow({ where: { id: ids.insta } });
    const reply = await tx.message.create({
      data: {
        shopId: shop.id,
        conversationId: ids.insta,
        customerId: c.customerId,
        direction: "OUTBOUND",
        channel: "INSTAGRAM",
        author: "STAFF",
        authorName: "Demo Staff",
        staffUserId: "demo-staff",
        body: "It ships today.",
        deliveryStatus: "DELIVERED",
        idempotencyKey: randomUUID(),
        createdAt: daysAgo(2, 10, 30),
      },
    });
    await recordStaffReply(tx, reply);
  });
  await setConversationStatus(shop.id, ids.insta, "RESOLVED", { now: daysAgo(2, 11) });
  ids.messenger = await write("Milo", "MESSENGER", daysAgo(1, 15));
}

describe("the KPI dashboard in Chromium", () => {
  it("GIVEN seeded cycles WHEN staff open Analytics THEN the support cards, charts and definitions show", async () => {
    await seed();
    await page.goto(`${demo.url}/app/analytics`);
    await page.getByRole("heading", { name: "Support" }).waitFor({ timeout: 30_000 });
    await page.getByText("First response time (median, business hours)").waitFor();
    await page.getByText("Conversations by channel").waitFor();
    // The chart is drawn once hydrated.
    await page.locator('[data-testid="volume-channel-chart"] .recharts-bar-rectangle').first().waitFor();
    expect(await page.getByText("Backlog now").count()).toBe(1);
    await screenshot(page, "kpi-dashboard-01-dashboard");
  });

  it("GIVEN the channel chart WHEN staff switch to the table THEN the same figures are listed, with links", async () => {
    const card = page.getByRole("region", { name: "Conversations by channel" });
    await card.getByRole("button", { name: "Show Conversations by channel as a table" }).click();
    const table = page.locator('[data-testid="volume-channel-table"]');
    await table.waitFor();
    const instagramRow = table.getByRole("row").filter({ hasText: "Instagram" });
    expect(await instagramRow.count()).toBe(1);
    await screenshot(page, "kpi-dashboard-02-table-view");
    await card.getByRole("button", { name: "Show Conversations by channel as a chart" }).click();
    await page.locator('[data-testid="volume-channel-chart"] .recharts-bar-rectangle').first().waitFor();
  });

  it("GIVEN the channel chart WHEN staff click the Instagram bar THEN the matching conversations are listed", async () => {
    const chart = page.locator('[data-testid="volume-channel-chart"]');
    // The bar of this period (blue) standing over the "Instagram" axis label.
    const label = await chart
      .locator("text", { hasText: /^Instagram$/ })
      .first()
      .boundingBox();
    expect(label).not.toBeNull();
    const bars = chart.locator('.recharts-bar-rectangle path[fill="#2c6ecb"]');
    let target = -1;
    let best = Infinity;
    for (let i = 0; i < (await bars.count()); i++) {
      const box = (await bars.nth(i).boundingBox())!;
      const distance = Math.abs(box.x + box.width / 2 - (label!.x + label!.width / 2));
      if (distance < best) [best, target] = [distance, i];
    }
    await bars.nth(target).click();
    await page.waitForURL(/\/app\/analytics\/conversations\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get("metric")).toBe("volume_channel");
    expect(url.searchParams.get("bucket")).toBe("INSTAGRAM");
    await page.getByRole("link", { name: "Iris Kpi" }).waitFor();
    expect(await page.getByRole("link", { name: "Milo Kpi" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Iris Kpi" }).getAttribute("href")).toBe(`/app/inbox/${ids.insta}`);
    await screenshot(page, "kpi-dashboard-03-drilldown");
  });

  it("GIVEN the dashboard WHEN staff export the CSV THEN it holds one row per cycle with the documented columns", async () => {
    await page.goto(`${demo.url}/app/analytics`);
    await page.getByRole("heading", { name: "Support" }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /Export one row per conversation cycle/ }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "conversation_id,cycle,channel,status,team_id,team_name,assignee_id,assignee_name,opened_at,first_response_at,first_response_seconds,first_response_business_seconds,resolved_at,resolution_seconds,resolution_business_seconds,human_involved,handed_off,sla_breaches,csat_score",
    );
    const insta = lines.find((l) => l.startsWith(`${ids.insta},`));
    expect(insta?.split(",").slice(0, 4)).toEqual([ids.insta, "1", "INSTAGRAM", "RESOLVED"]);
    expect(insta?.split(",")[10]).toBe("1800");
    expect(insta?.split(",")[13]).toBe("3600");
    expect(
      lines
        .find((l) => l.startsWith(`${ids.messenger},`))
        ?.split(",")
        .slice(0, 4),
    ).toEqual([ids.messenger, "1", "MESSENGER", "OPEN"]);
    expect(dialogs).toEqual([]);
  });
});
