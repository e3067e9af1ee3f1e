// The demo's stand-ins made visible, in Chromium against the real demo: a staff reply on the seeded
// Instagram conversation goes out through the real Meta adapter to Meta's stand-in (the demo shop
// has a Meta connection), the composer says in words why each other channel is unavailable, and
// /demo/outbox, linked from the demo badge, lists the Instagram reply and an SMS reply with the
// status callbacks Twilio's stand-in sent back.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];
const IG_REPLY = "The restock lands on Friday <b>morning</b> — we'll DM you.";
const SMS_REPLY = "Your parcel is with the courier; tracking follows.";

beforeAll(async () => {
  session = await startDemoInBrowser("outbox");
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

async function openSeeded(channel: "INSTAGRAM" | "SMS") {
  const db = await demoDb();
  const conversation = await db.conversation.findFirstOrThrow({ where: { lastInboundChannel: channel } });
  await page.goto(`${demo.url}/app/inbox/${conversation.id}`);
  await page.getByLabel("Channel", { exact: true }).waitFor();
}

/** The outbox entry whose body is `body`, reloading until it is there. */
async function outboxEntry(outbox: Page, body: string, mustContain: string[] = []) {
  await expect
    .poll(
      async () => {
        await outbox.reload();
        const entry = outbox.locator("article.outbox-entry", { hasText: body });
        const text = (await entry.count()) ? ((await entry.first().textContent()) ?? "") : "";
        return mustContain.every((s) => text.includes(s)) ? text : "";
      },
      { timeout: 30_000, interval: 500 },
    )
    .not.toBe("");
  return outbox.locator("article.outbox-entry", { hasText: body }).first();
}

describe("demo stand-ins in Chromium", () => {
  it("GIVEN the seeded Instagram conversation WHEN staff open it THEN Instagram is offered and every unavailable channel says why", async () => {
    await openSeeded("INSTAGRAM");
    const channel = page.getByLabel("Channel", { exact: true });
    expect(await channel.inputValue()).toBe("INSTAGRAM");
    const labels = await channel.locator("option").allTextContents();
    expect(labels.some((l) => l.startsWith("Instagram · "))).toBe(true);
    expect(labels.join("\n")).not.toContain("(unavailable)");
    expect(labels).toContain("Chat: this customer has not chatted with you from the storefront");
    // Picking an unavailable channel repeats the reason beside the composer.
    await channel.selectOption("CHAT");
    await page
      .locator("#composer p", { hasText: "Chat: this customer has not chatted with you from the storefront" })
      .waitFor();
    await screenshot(page, "demo-outbox-composer-reason");
    await channel.selectOption("INSTAGRAM");
  });

  it("GIVEN the Instagram conversation WHEN staff reply THEN Meta's stand-in receives it and /demo/outbox, opened from the demo badge, shows it", async () => {
    await page.getByLabel("Message", { exact: true }).fill(IG_REPLY);
    await page.getByRole("button", { name: "Send Instagram" }).click();
    await page.locator("[role=log]").getByText(IG_REPLY).waitFor({ timeout: 15_000 });

    await page.getByRole("link", { name: "Demo outbox: what the stand-ins received" }).click();
    await page.waitForURL("**/demo/outbox");
    const entry = await outboxEntry(page, IG_REPLY);
    const text = (await entry.textContent()) ?? "";
    expect(text).toContain("Meta");
    expect(text).toContain("Instagram");
    expect(text).toContain("page 104000000000001");
    // Shown as text: the markup in the reply is not rendered.
    expect(await entry.locator("b").count()).toBe(0);
    const db = await demoDb();
    const sent = await db.message.findFirstOrThrow({ where: { body: IG_REPLY, author: "STAFF" } });
    expect(text).toContain(sent.toAddress!);
  });

  it("GIVEN the SMS conversation WHEN staff reply by SMS THEN /demo/outbox shows the SMS and the status callbacks Twilio's stand-in sent", async () => {
    await openSeeded("SMS");
    expect(await page.getByLabel("Channel", { exact: true }).inputValue()).toBe("SMS");
    await page.getByLabel("Message", { exact: true }).fill(SMS_REPLY);
    await page.getByRole("button", { name: "Send SMS" }).click();
    await page.locator("[role=log]").getByText(SMS_REPLY).waitFor({ timeout: 15_000 });

    await page.goto(`${demo.url}/demo/outbox`);
    const entry = await outboxEntry(page, SMS_REPLY, ["delivered"]);
    const text = (await entry.textContent()) ?? "";
    expect(text).toContain("Twilio");
    expect(text).toContain("SMS");
    expect(await entry.locator(".callback-status").allTextContents()).toEqual(["queued", "sent", "delivered"]);
    expect(text).toContain("app answered HTTP 200");
    // Newest first: the SMS sits above the Instagram reply.
    const bodies = await page.locator("article.outbox-entry pre.body").allTextContents();
    expect(bodies.indexOf(SMS_REPLY)).toBeLessThan(bodies.indexOf(IG_REPLY));
    await screenshot(page, "demo-outbox");
    expect(dialogs).toEqual([]);
  });
});
