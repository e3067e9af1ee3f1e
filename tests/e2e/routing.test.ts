// Routing rules in Chromium against the real demo (embedded PGlite, stand-in vendors, real workers):
// staff create a rule in the editor from the keyboard-friendly builders (SMS → the Front desk team,
// round robin), a signed Twilio inbound SMS from a new customer arrives, and the inbox shows the
// conversation assigned by the rule with its SLA timer running; the list counts the match and the
// editor's Preview lists the conversation as text.
import twilio from "twilio";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";
import { DEFAULT_SLA_SETTINGS } from "../../app/sla/settings";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];
const DEMO_TWILIO_AUTH_TOKEN = "demo-twilio-auth-token";
const FROM = "+14155550777";
const BODY = "<b>Hi</b>, can someone help me choose a size?";
const RULE = "SMS to the front desk";

beforeAll(async () => {
  session = await startDemoInBrowser("routing");
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe("routing rules in Chromium", () => {
  it("GIVEN a team and SLAs on WHEN staff create a rule in the editor THEN it is listed first with no matches yet", async () => {
    const db = await demoDb();
    const shop = await db.shop.findFirstOrThrow();
    const policy = { ...DEFAULT_SLA_SETTINGS.policies.NORMAL, mode: "around_the_clock" as const };
    await db.shop.update({
      where: { id: shop.id },
      data: {
        settings: {
          ...(shop.settings as object),
          sla: { enabled: true, policies: { LOW: policy, NORMAL: policy, HIGH: policy, URGENT: policy } },
        },
      },
    });
    const member = await db.staffMember.upsert({
      where: { shopId_userId: { shopId: shop.id, userId: "demo-staff" } },
      create: { shopId: shop.id, userId: "demo-staff", name: "Demo Staff" },
      update: { availability: "ONLINE", capacity: null },
    });
    await db.team.create({
      data: { shopId: shop.id, name: "Front desk", members: { create: [{ staffMemberId: member.id }] } },
    });

    await page.goto(`${demo.url}/app/routing`);
    await page.getByText("No routing rules yet").waitFor({ timeout: 30_000 });
    await screenshot(page, "routing-01-empty");
    await page.getByRole("link", { name: "Add rule" }).first().click();
    await page.getByLabel("Rule name").fill(RULE);
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByRole("checkbox", { name: "SMS" }).check();
    await page.getByRole("button", { name: "Add action" }).click();
    expect(await page.getByLabel("Team", { exact: true }).inputValue()).not.toBe("");
    await screenshot(page, "routing-02-editor");
    await page.getByRole("button", { name: "Save rule" }).click();
    await page.waitForURL(/\/app\/routing$/, { timeout: 20_000 });
    await page.getByRole("link", { name: RULE }).waitFor();
    await page.getByText("Matched 0 conversations").waitFor();
    const rule = await db.routingRule.findFirstOrThrow({ where: { name: RULE } });
    expect(rule.conditions).toEqual([{ field: "channel", in: ["SMS"] }]);
    expect(rule.actions).toMatchObject([{ type: "assign_team", strategy: "round_robin" }]);
    await screenshot(page, "routing-03-list");
  });

  it("GIVEN the rule WHEN a new customer texts (signed Twilio inbound) THEN the inbox shows the conversation assigned to Demo Staff with its SLA timer", async () => {
    const db = await demoDb();
    const connection = await db.channelConnection.findFirstOrThrow({ where: { provider: "TWILIO" } });
    const url = `${process.env.SHOPIFY_APP_URL!.replace(/\/+$/, "")}/webhooks/twilio/inbound/${connection.webhookToken}`;
    const sid = `SM${"route".padEnd(32, "0")}`;
    const params = {
      MessageSid: sid,
      SmsMessageSid: sid,
      SmsSid: sid,
      AccountSid: connection.externalAccountId ?? `AC${"de".repeat(16)}`,
      From: FROM,
      To: "+15005550006",
      Body: BODY,
      NumMedia: "0",
      SmsStatus: "received",
    };
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": twilio.getExpectedTwilioSignature(DEMO_TWILIO_AUTH_TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(200);
    const message = await db.message.findFirstOrThrow({ where: { providerMessageId: sid } });
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: message.conversationId } });
    expect(conversation).toMatchObject({ assigneeId: "demo-staff", assigneeName: "Demo Staff" });
    expect(conversation.firstResponseDueAt).toBeInstanceOf(Date);

    await page.goto(`${demo.url}/app/inbox`);
    const row = page.locator("tr", { has: page.getByRole("link", { name: FROM }) });
    await row.waitFor({ timeout: 20_000 });
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("Demo Staff");
    expect(text).toMatch(/First response/i);
    expect(text).toContain("<b>Hi</b>");
    await screenshot(page, "routing-04-inbox-routed");

    await page.goto(`${demo.url}/app/routing`);
    await page.getByText("Matched 1 conversation").waitFor({ timeout: 20_000 });
  });

  it("GIVEN the saved rule WHEN staff press Preview THEN the matches among the last 100 conversations are listed as text", async () => {
    await page.getByRole("link", { name: RULE }).click();
    await page.getByRole("button", { name: "Preview" }).click();
    const list = page.getByRole("list", { name: "Conversations the rule would have matched" });
    await list.waitFor({ timeout: 20_000 });
    await list.getByText(BODY).waitFor();
    await expect
      .poll(async () => await page.getByText(/Would have matched \d+ of the last \d+ conversations/).count())
      .toBe(1);
    expect(await page.locator("main b").filter({ hasText: /^Hi$/ }).count()).toBe(0);
    await screenshot(page, "routing-05-preview");
    expect(dialogs).toEqual([]);
  });

  it("GIVEN unassigned conversations WHEN staff open the Queue THEN it lists only open unassigned ones, longest waiting first", async () => {
    await page.goto(`${demo.url}/app/inbox?view=queue`);
    await page.getByRole("heading", { name: "Queue" }).waitFor({ timeout: 20_000 });
    const rows = page.locator("tbody tr");
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.some((t) => t.includes(FROM))).toBe(false);
    expect(texts.every((t) => t.includes("Open"))).toBe(true);
    expect(await page.getByLabel("View").inputValue()).toBe("queue");
    await screenshot(page, "routing-06-queue");
  });
});
