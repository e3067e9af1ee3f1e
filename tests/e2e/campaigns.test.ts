// Campaigns in Chromium against the real demo (embedded PGlite, stand-in vendors, real workers and
// the campaign engine): staff create a campaign to a segment in the editor, preview it on a real
// member, see the audience estimate, schedule it a minute ahead, watch the progress bar move on its
// own while the engine sends through the Twilio stand-in, and see the results, down to an order.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";
import { wallClockAt } from "../../app/flows/quiet-hours";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];
const NAME = "Winter VIP sale";
const SEGMENT = "Winter VIPs";
const MEMBERS = 6;

beforeAll(async () => {
  session = await startDemoInBrowser("campaigns", 1400);
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

/** The first minute boundary at least 45 s ahead, as the datetime-local field in the shop's zone wants it. */
function nextMinuteIn(timeZone: string): { local: string; instant: Date } {
  const instant = new Date(Math.ceil((Date.now() + 45_000) / 60_000) * 60_000);
  const w = wallClockAt(instant, timeZone);
  const p = (n: number) => String(n).padStart(2, "0");
  return { local: `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`, instant };
}

describe("campaigns in Chromium", () => {
  let campaignId = "";
  let shopTimeZone = "UTC";

  it("GIVEN a segment of six customers WHEN staff create a campaign THEN the preview renders a real member and the estimate counts who will get it", async () => {
    const db = await demoDb();
    const shop = await db.shop.findFirstOrThrow();
    shopTimeZone = shop.ianaTimezone;
    // Deterministic sends whatever the hour: no quiet hours, and a cap the demo's own flows never fill.
    await db.shop.update({
      where: { id: shop.id },
      data: {
        settings: {
          ...(shop.settings as object),
          quietHours: { start: "00:00", end: "00:00" },
          frequencyCap: { maxPerWindow: 100, windowHours: 24 },
        },
      },
    });
    const customers = [];
    for (let i = 0; i < MEMBERS; i++) {
      const c = await db.customer.create({
        data: {
          shopId: shop.id,
          countryCode: "IS",
          firstName: i === 0 ? "Nora" : `Tester${i}`,
          lastName: "Winter",
          phone: `+1415555030${i}`,
        },
      });
      await db.customerIdentity.create({ data: { shopId: shop.id, customerId: c.id, kind: "PHONE", value: c.phone! } });
      // The last one never agreed to marketing: the estimate skips them.
      if (i < MEMBERS - 1)
        await db.consent.create({
          data: {
            shopId: shop.id,
            customerId: c.id,
            channel: "SMS",
            purpose: "MARKETING",
            state: "GRANTED",
            source: "SHOPIFY_CUSTOMER",
            occurredAt: new Date(Date.now() - 86400_000),
          },
        });
      customers.push(c);
    }
    // The engine refreshes membership from the definition when the campaign starts: these six are
    // the demo shop's only customers in Iceland.
    const segment = await db.segment.create({
      data: {
        shopId: shop.id,
        name: SEGMENT,
        memberCount: MEMBERS,
        definition: { match: "all", conditions: [{ field: "country", in: ["IS"] }] },
      },
    });
    // Nora joined last, so she is the member the preview shows first.
    for (const [i, c] of customers.entries())
      await db.segmentMember.create({
        data: {
          segmentId: segment.id,
          customerId: c.id,
          shopId: shop.id,
          addedAt: new Date(Date.now() - (MEMBERS - i) * 1000 + (i === 0 ? 60_000 : 0)),
        },
      });

    await page.goto(`${demo.url}/app/campaigns`);
    await page.getByText("No campaigns yet").waitFor({ timeout: 30_000 });
    await screenshot(page, "campaigns-01-empty");

    await page.getByRole("link", { name: "Create campaign" }).first().click();
    await page.getByLabel("Campaign name").waitFor();
    await page.getByLabel("Campaign name").fill(NAME);
    await page.getByLabel("Segment").selectOption({ label: `${SEGMENT} (${MEMBERS} members)` });
    await page.getByRole("checkbox", { name: "Email" }).uncheck();
    await page
      .getByLabel("SMS message")
      .fill("Hi {{ customer.first_name }}, <b>winter sale</b> at {{ shop.name }}: 20% off today");
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByTestId("campaign-preview-body").first();
    await preview.waitFor({ timeout: 20_000 });
    expect(await preview.textContent()).toBe(
      `Hi Nora, <b>winter sale</b> at ${shop.name ?? shop.domain}: 20% off today`,
    );
    await screenshot(page, "campaigns-02-editor-preview");

    await page.getByRole("button", { name: "Save draft" }).click();
    await page.waitForURL(/\/app\/campaigns\/(?!new)[^/]+$/, { timeout: 20_000 });
    campaignId = new URL(page.url()).pathname.split("/").pop()!;
    const row = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(row).toMatchObject({ name: NAME, status: "DRAFT", channels: ["SMS"], segmentId: segment.id });

    // The review step's audience table (Polaris DataTable: the label is the row's header cell).
    const estimateRow = (label: string) => page.locator("tr", { hasText: label }).first().locator("td").last();
    await page.getByText("Members of the segment").first().waitFor({ timeout: 20_000 });
    expect(await estimateRow("Members of the segment").textContent()).toBe(String(MEMBERS));
    expect(await estimateRow("Will receive").textContent()).toBe(String(MEMBERS - 1));
    expect(await estimateRow("Skipped: no marketing consent").textContent()).toBe("1");
    await screenshot(page, "campaigns-03-estimate");
  });

  it("GIVEN the draft WHEN staff schedule it a minute ahead THEN the progress bar moves on its own to every recipient and the results show the sends and an order", async () => {
    const db = await demoDb();
    const when = nextMinuteIn(shopTimeZone);
    await page.getByLabel(/^Send at/).fill(when.local);
    await page.getByRole("button", { name: "Save draft" }).click();
    const scheduleButton = page.getByRole("button", { name: "Schedule", exact: true });
    await expect.poll(() => scheduleButton.isEnabled(), { timeout: 20_000 }).toBe(true);
    await scheduleButton.click();
    await page.getByRole("button", { name: "Schedule campaign" }).click();
    await page.getByText(/^Scheduled for /).waitFor({ timeout: 20_000 });
    expect(await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      status: "SCHEDULED",
      sendAt: when.instant,
    });
    await screenshot(page, "campaigns-04-scheduled");

    // No reload from here on: the page refreshes itself while the campaign is scheduled or sending.
    try {
      await page.getByText(`${MEMBERS} of ${MEMBERS} recipients processed`).waitFor({ timeout: 180_000 });
    } catch (err) {
      await screenshot(page, "campaigns-failed-progress");
      const row = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
      const states = await db.campaignRecipient.groupBy({
        by: ["state", "skipReason"],
        where: { campaignId },
        _count: true,
      });
      throw new Error(`progress never completed: ${row.status} ${JSON.stringify(states)} (${(err as Error).message})`);
    }
    await page.getByText(`${MEMBERS - 1} sent, 1 skipped, 0 failed`, { exact: false }).waitFor();
    await page.locator(".Polaris-Badge", { hasText: "Sent" }).first().waitFor({ timeout: 30_000 });
    const sent = await db.message.findMany({
      where: { campaignId },
      select: { customerId: true, toAddress: true, body: true },
    });
    expect(sent).toHaveLength(MEMBERS - 1);
    expect(sent.find((m) => m.toAddress === "+14155550300")?.body).toContain("Hi Nora, <b>winter sale</b>");
    await screenshot(page, "campaigns-05-sent");

    // Nora buys after the text was delivered: the order is credited to the campaign.
    const nora = await db.message.findFirstOrThrow({ where: { campaignId, toAddress: "+14155550300" } });
    await expect
      .poll(async () => (await db.message.findUniqueOrThrow({ where: { id: nora.id } })).deliveredAt, {
        timeout: 30_000,
      })
      .not.toBeNull();
    const shop = await db.shop.findFirstOrThrow();
    await db.order.create({
      data: {
        shopId: shop.id,
        customerId: nora.customerId,
        shopifyOrderId: 990_058_001n,
        name: "#9058",
        totalPrice: "42.00",
        currency: shop.currency,
        processedAt: new Date(),
      },
    });
    await page.reload();
    const total = page.locator("tr", { hasText: "Total" }).first();
    await total.waitFor({ timeout: 20_000 });
    const cells = await total.locator("td, th").allTextContents();
    // "", Recipients, Sent, Delivered, Opened, Clicked, Replied, Unsubscribed, Orders, Revenue
    expect(cells[1]).toBe(String(MEMBERS));
    expect(cells[2]).toBe(String(MEMBERS - 1));
    expect(cells[8]).toBe("1");
    expect(cells[9]).toContain("42.00");
    await screenshot(page, "campaigns-06-results");

    await page.goto(`${demo.url}/app/campaigns`);
    const listRow = page.locator("tr", { hasText: NAME }).first();
    await listRow.waitFor({ timeout: 20_000 });
    expect(await listRow.textContent()).toContain(SEGMENT);
    expect(await listRow.textContent()).toContain(`${MEMBERS} of ${MEMBERS} processed · ${MEMBERS - 1} sent`);
    await screenshot(page, "campaigns-07-list");
    expect(dialogs).toEqual([]);
  }, 300_000);
});
