// The unified inbox in Chromium against the real demo (embedded PGlite, stand-in vendors, real
// workers): filter the inbox, open a conversation from the keyboard, reply by SMS and see the
// Twilio stand-in receive it and its signed status callbacks mark it delivered, add an internal
// note, resolve, then a signed inbound SMS reopens the conversation and its script payload shows
// as plain text.
import twilio from "twilio";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];
const DEMO_TWILIO_AUTH_TOKEN = "demo-twilio-auth-token";
const REPLY = "Your parcel left the warehouse today, tracking follows by email.";
const NOTE = "Customer asked twice; follow up on Friday.";
const INBOUND = "<script>alert('reopen')</script> thanks, one more question!";

beforeAll(async () => {
  session = await startDemoInBrowser("inbox");
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

let conversationUrl = "";

describe("unified inbox in Chromium", () => {
  it("GIVEN demo conversations WHEN the inbox is filtered by channel THEN only that channel's conversation is listed, and the filter is in the URL", async () => {
    await page.goto(`${demo.url}/app/inbox`);
    await page.locator("h1", { hasText: "Inbox" }).first().waitFor();
    await expect.poll(() => page.locator("table tbody tr").count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    await page.getByLabel("Channel", { exact: true }).selectOption("SMS");
    await page.waitForURL(/channel=SMS/);
    await expect.poll(() => page.locator("table tbody tr").count()).toBe(1);
    expect(await page.locator("table tbody tr").first().textContent()).toContain("SMS");
    await screenshot(page, "inbox-01-filtered");
  });

  it("GIVEN the filtered list WHEN j then Enter is pressed THEN the conversation opens from the keyboard", async () => {
    await page.locator("h1").first().click();
    await page.keyboard.press("j");
    const focused = page.locator("a[data-inbox-row]:focus");
    await focused.waitFor();
    await screenshot(page, "inbox-02-keyboard-focus");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/app/inbox/*");
    conversationUrl = page.url();
    await page.getByText("Hi! Has my order shipped yet?").waitFor();
  });

  it("GIVEN the SMS conversation WHEN staff reply by SMS THEN the Twilio stand-in receives it and the status becomes delivered", async () => {
    const channel = page.getByLabel("Channel", { exact: true });
    expect(await channel.inputValue()).toBe("SMS");
    await page.getByLabel("Message", { exact: true }).fill(REPLY);
    await page.getByRole("button", { name: "Send SMS" }).click();
    const card = page.locator("[role=log] > div", { hasText: REPLY }).last();
    await page.locator("[role=log]").getByText(REPLY).waitFor({ timeout: 15_000 });
    // The composer is cleared for the next message.
    await expect.poll(() => page.getByLabel("Message", { exact: true }).inputValue()).toBe("");

    const db = await demoDb();
    const message = await expect
      .poll(
        async () => {
          const m = await db.message.findFirst({ where: { body: REPLY, author: "STAFF" } });
          return m?.providerMessageId ? m : null;
        },
        { timeout: 20_000, interval: 250 },
      )
      .not.toBeNull()
      .then(() => db.message.findFirstOrThrow({ where: { body: REPLY, author: "STAFF" } }));
    expect(await db.message.count({ where: { body: REPLY } })).toBe(1);
    // The stand-in has it, as Twilio would: fetch it back from its REST API.
    const connection = await db.channelConnection.findFirstOrThrow({ where: { provider: "TWILIO" } });
    const accountSid = connection.externalAccountId ?? `AC${"de".repeat(16)}`;
    const res = await fetch(
      `${process.env.TWILIO_API_BASE_URL}/2010-04-01/Accounts/${accountSid}/Messages/${message.providerMessageId}.json`,
      { headers: { Authorization: `Basic ${Buffer.from(`${accountSid}:x`).toString("base64")}` } },
    );
    expect(res.status).toBe(200);
    const sent = (await res.json()) as { body: string; to: string };
    expect(sent.body).toBe(REPLY);
    expect(sent.to).toBe(message.toAddress);

    // The stand-in's signed status callbacks arrive; the page picks them up without a reload.
    await expect
      .poll(async () => (await card.textContent()) ?? "", { timeout: 30_000, interval: 500 })
      .toContain("Delivered");
    await screenshot(page, "inbox-03-reply-delivered");
  });

  it("GIVEN the conversation WHEN staff add an internal note and resolve THEN both show", async () => {
    await page.getByRole("button", { name: "Internal note" }).click();
    await page.getByLabel("Note", { exact: true }).fill(NOTE);
    await page.getByRole("button", { name: "Add note" }).click();
    await page.locator("[role=log]").getByText(NOTE).waitFor();
    const note = page.locator("[role=log] > div", { hasText: NOTE }).last();
    expect(await note.textContent()).toContain("Internal note");

    await page.getByRole("button", { name: "Resolve" }).click();
    await page.getByRole("button", { name: "Reopen" }).waitFor();
    await expect
      .poll(async () => (await page.locator("h1").first().locator("..").textContent()) ?? "")
      .toContain("Resolved");
    await screenshot(page, "inbox-04-resolved");
  });

  it("GIVEN the resolved conversation WHEN the customer texts again (signed Twilio inbound) THEN it reopens and the script payload shows as text", async () => {
    const db = await demoDb();
    const conversationId = conversationUrl.split("/").pop()!.split("?")[0];
    const conversation = await db.conversation.findUniqueOrThrow({
      where: { id: conversationId },
      include: { customer: true },
    });
    expect(conversation.status).toBe("RESOLVED");
    const from = conversation.customer.phone!;
    const connection = await db.channelConnection.findFirstOrThrow({ where: { provider: "TWILIO" } });
    const url = `${process.env.SHOPIFY_APP_URL!.replace(/\/+$/, "")}/webhooks/twilio/inbound/${connection.webhookToken}`;
    const sid = `SM${"e2e".padEnd(32, "0")}`;
    const params = {
      MessageSid: sid,
      SmsMessageSid: sid,
      SmsSid: sid,
      AccountSid: connection.externalAccountId ?? `AC${"de".repeat(16)}`,
      From: from,
      To: "+15005550006",
      Body: INBOUND,
      NumMedia: "0",
      SmsStatus: "received",
    };
    const post = (signature: string) =>
      fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
        body: new URLSearchParams(params).toString(),
      });
    expect((await post("forged")).status).toBe(403);
    expect((await post(twilio.getExpectedTwilioSignature(DEMO_TWILIO_AUTH_TOKEN, url, params))).status).toBe(200);

    // No reload: the page's poll shows the new message and the reopened status.
    await page.locator("[role=log]").getByText(INBOUND).waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Resolve" }).waitFor({ timeout: 20_000 });
    expect(await page.locator("main script").count()).toBe(0);
    expect(dialogs).toEqual([]);
    const reopened = await db.conversation.findFirstOrThrow({
      where: { customerId: conversation.customerId, status: "OPEN" },
    });
    expect(reopened).toBeTruthy();
    await screenshot(page, "inbox-05-reopened");
  });
  it("GIVEN the Saved replies page WHEN a reply is written THEN its live preview renders for a chosen customer, and the composer inserts it filled in", async () => {
    const db = await demoDb();
    const conversationId = conversationUrl.split("/").pop()!.split("?")[0];
    const { customer } = await db.conversation.findUniqueOrThrow({
      where: { id: conversationId },
      include: { customer: true },
    });
    const lastOrder = await db.order.findFirstOrThrow({
      where: { customerId: customer.id },
      orderBy: [{ processedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    });
    const expected = `Hi ${customer.firstName}, your order ${lastOrder.name} is on its way.`;

    await page.getByRole("navigation").getByRole("link", { name: "Saved replies", exact: true }).click();
    await page.waitForURL("**/app/saved-replies");
    await page.getByRole("link", { name: "New saved reply" }).first().click();
    await page.waitForURL("**/app/saved-replies/new");
    await page.getByLabel("Name", { exact: true }).fill("Shipping update");
    await page
      .getByLabel("Text", { exact: true })
      .fill("Hi {{ customer.first_name }}, your order {{ order.name }} is on its way.");
    const preview = page.getByTestId("saved-reply-preview");
    await expect
      .poll(() => preview.textContent(), { timeout: 10_000 })
      .toBe("Hi Alex, your order #1001 is on its way.");
    // Preview for a real customer of the picker: their name and their last order.
    const picker = page.getByLabel("Preview for", { exact: true });
    const chosenId = await picker.locator("option").nth(1).getAttribute("value");
    const chosen = await db.customer.findUniqueOrThrow({ where: { id: chosenId! } });
    const chosenOrder = await db.order.findFirst({
      where: { customerId: chosen.id },
      orderBy: [{ processedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    });
    await picker.selectOption(chosenId!);
    const chosenText = `Hi ${chosen.firstName ?? ""}, your order ${chosenOrder?.name ?? ""} is on its way.`;
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toBe(chosenText.replace(/\s+/g, " "));
    await screenshot(page, "inbox-06-saved-reply-preview");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL("**/app/saved-replies");
    await page.getByText("Shipping update").waitFor();

    await page.goto(conversationUrl);
    await page.getByLabel("Saved reply", { exact: true }).selectOption({ label: "Shipping update" });
    await page.getByRole("button", { name: "Insert", exact: true }).click();
    await expect
      .poll(() => page.getByLabel("Message", { exact: true }).inputValue(), { timeout: 10_000 })
      .toBe(expected);
    await screenshot(page, "inbox-07-saved-reply-inserted");
    expect(dialogs).toEqual([]);
  });
});
