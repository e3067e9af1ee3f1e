// Send later in Chromium against the real demo (embedded PGlite, stand-in vendors, real workers):
// staff write a reply, open "Send later", pick "In 1 hour" from the keyboard; the conversation lists
// it under "Scheduled" with its time in the shop's zone, channel, text and author, and nothing is
// sent; Cancel (keyboard) removes it and the row is CANCELLED. A time typed in the date field is
// listed at that wall-clock time.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];
const LATER = "We will check with the warehouse first thing and write back.";
const TYPED = "Your exchange should arrive by Friday.";

beforeAll(async () => {
  session = await startDemoInBrowser("send-later");
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

let conversationId = "";

describe("send later in Chromium", () => {
  it("GIVEN the demo's SMS conversation WHEN staff write a reply and choose Send later → In 1 hour THEN it is listed under Scheduled, the message box is empty and nothing is sent", async () => {
    const db = await demoDb();
    await expect
      .poll(() => db.message.findFirst({ where: { body: "Hi! Has my order shipped yet?" } }), { timeout: 60_000 })
      .toBeTruthy();
    const inbound = await db.message.findFirstOrThrow({ where: { body: "Hi! Has my order shipped yet?" } });
    conversationId = inbound.conversationId;
    await page.goto(`${demo.url}/app/inbox/${conversationId}`);
    await page.getByText("Hi! Has my order shipped yet?").waitFor({ timeout: 30_000 });
    expect(await page.getByRole("region", { name: "Scheduled replies" }).count()).toBe(0);

    await page.getByLabel("Message", { exact: true }).fill(LATER);
    await page.getByRole("button", { name: "Send later" }).click();
    const panel = page.getByRole("region", { name: "Send later" });
    await panel.waitFor();
    await panel.getByText("Send this SMS reply later").waitFor();
    await screenshot(page, "send-later-01-panel");

    const before = Date.now();
    const preset = panel.getByRole("button", { name: /^Schedule for In 1 hour,/ });
    await preset.focus();
    await page.keyboard.press("Enter");

    const list = page.getByRole("region", { name: "Scheduled replies" });
    await list.waitFor({ timeout: 15_000 });
    await list.getByText(LATER).waitFor();
    await list.getByText("By Demo Staff").waitFor();
    expect(await list.textContent()).toContain("SMS");
    await panel.getByText(/^Scheduled for /).waitFor();
    await expect.poll(() => page.getByLabel("Message", { exact: true }).inputValue()).toBe("");

    const row = await db.scheduledReply.findFirstOrThrow({ where: { conversationId, body: LATER } });
    expect(row.state).toBe("SCHEDULED");
    expect(row.channel).toBe("SMS");
    expect(row.staffName).toBe("Demo Staff");
    const ahead = row.sendAt.getTime() - before;
    expect(ahead).toBeGreaterThan(58 * 60_000);
    expect(ahead).toBeLessThan(61 * 60_000);
    // The time as the shop's zone shows it, zone named.
    const shop = await db.shop.findUniqueOrThrow({ where: { id: row.shopId } });
    const shown = new Intl.DateTimeFormat("en", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: shop.ianaTimezone,
    }).format(row.sendAt);
    expect(await list.textContent()).toContain(`${shown} (${shop.ianaTimezone})`);
    expect(await db.message.count({ where: { conversationId, body: LATER } })).toBe(0);
    await screenshot(page, "send-later-02-listed");
  });

  it("GIVEN the scheduled reply WHEN staff press Cancel from the keyboard THEN it leaves the list, the row is CANCELLED and it is never sent", async () => {
    const db = await demoDb();
    const list = page.getByRole("region", { name: "Scheduled replies" });
    const cancel = list.getByRole("button", { name: /^Cancel the SMS reply scheduled for / });
    await cancel.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("region", { name: "Scheduled replies" }).count()).toBe(0);
    const row = await db.scheduledReply.findFirstOrThrow({ where: { conversationId, body: LATER } });
    expect(row.state).toBe("CANCELLED");
    // Still gone after the page's own refresh.
    await page.reload();
    await page.getByText("Hi! Has my order shipped yet?").waitFor();
    expect(await page.getByRole("region", { name: "Scheduled replies" }).count()).toBe(0);
    expect(await db.message.count({ where: { conversationId, body: LATER } })).toBe(0);
    await screenshot(page, "send-later-03-cancelled");
  });

  it("GIVEN a date and time typed in the field WHEN scheduled THEN it is listed at that wall-clock time in the shop's zone", async () => {
    const db = await demoDb();
    await page.getByLabel("Message", { exact: true }).fill(TYPED);
    await page.getByRole("button", { name: "Send later" }).click();
    const panel = page.getByRole("region", { name: "Send later" });
    const field = panel.getByLabel(/^Date and time \(/);
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await field.fill(`${day}T14:30`);
    await panel.getByRole("button", { name: "Schedule", exact: true }).click();
    const list = page.getByRole("region", { name: "Scheduled replies" });
    await list.getByText(TYPED).waitFor({ timeout: 15_000 });
    const row = await db.scheduledReply.findFirstOrThrow({ where: { conversationId, body: TYPED } });
    const shop = await db.shop.findUniqueOrThrow({ where: { id: row.shopId } });
    const wall = new Intl.DateTimeFormat("en-GB", {
      timeZone: shop.ianaTimezone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(row.sendAt);
    expect(wall).toBe("14:30");
    await screenshot(page, "send-later-04-typed-time");
    expect(dialogs).toEqual([]);
  });
});
