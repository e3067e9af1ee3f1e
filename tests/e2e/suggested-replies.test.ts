// Suggested replies in Chromium against the real demo (embedded PGlite, the demo's seeded FAQ, real
// workers): a chat visitor's shipping question shows drafts under the composer; staff insert one
// (nothing is sent), edit it, send it; the customer's conversation holds exactly the edited text,
// the suggestion is counted as edited, and the Knowledge page's card shows it.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];
const QUESTION = "Is shipping free over $50?";
const ADDED = " Anything else I can help with?";

beforeAll(async () => {
  session = await startDemoInBrowser("suggested-replies");
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

let conversationId = "";
let inserted = "";

describe("suggested replies in Chromium", () => {
  it("GIVEN a chat visitor's unanswered shipping question WHEN staff open the conversation THEN drafts from the FAQ are offered under the composer, and nothing is sent", async () => {
    const db = await demoDb();
    const question = await expect
      .poll(() => db.message.findFirst({ where: { body: QUESTION, direction: "INBOUND" } }), { timeout: 60_000 })
      .toBeTruthy()
      .then(() => db.message.findFirstOrThrow({ where: { body: QUESTION, direction: "INBOUND" } }));
    conversationId = question.conversationId;

    await page.goto(`${demo.url}/app/inbox/${conversationId}`);
    const region = page.getByRole("region", { name: "Suggested replies" });
    await region.waitFor({ timeout: 30_000 });
    await region.getByText("How much does shipping cost?").waitFor();
    expect(await region.getByRole("button", { name: /^Insert suggested reply/ }).count()).toBeGreaterThanOrEqual(1);
    expect(await db.message.count({ where: { conversationId, direction: "OUTBOUND" } })).toBe(0);
  });

  it("GIVEN the drafts WHEN staff insert one from the keyboard and edit it THEN the message box holds it, still unsent", async () => {
    const db = await demoDb();
    const insert = page.getByRole("button", { name: /^Insert suggested reply 1,/ });
    await insert.focus();
    await page.keyboard.press("Enter");
    const box = page.getByLabel("Message", { exact: true });
    await expect.poll(() => box.inputValue()).toContain("Standard shipping is free on orders over $50");
    inserted = await box.inputValue();
    // Insert puts the focus in the message box, ready to edit.
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("End");
    await box.press("Control+End");
    await page.keyboard.type(ADDED);
    await expect.poll(() => box.inputValue()).toBe(`${inserted}${ADDED}`);
    await screenshot(page, "suggested-replies-01-inserted-and-edited");
    expect(await db.message.count({ where: { conversationId, direction: "OUTBOUND" } })).toBe(0);
  });

  it("GIVEN the edited draft WHEN staff send it THEN the visitor's conversation holds exactly that text and the suggestion counts as edited", async () => {
    await page.getByRole("button", { name: "Send Chat" }).click();
    const expected = `${inserted}${ADDED}`.trim();
    const db = await demoDb();
    const sent = await expect
      .poll(() => db.message.findFirst({ where: { conversationId, author: "STAFF", direction: "OUTBOUND" } }), {
        timeout: 20_000,
      })
      .toBeTruthy()
      .then(() => db.message.findFirstOrThrow({ where: { conversationId, author: "STAFF", direction: "OUTBOUND" } }));
    expect(sent.body).toBe(expected);
    expect(sent.channel).toBe("CHAT");
    // Counted right after the send commits, in the same request: wait for it rather than race it.
    const firstRow = () => db.replySuggestion.findFirst({ where: { conversationId }, orderBy: { position: "asc" } });
    await expect.poll(async () => (await firstRow())?.outcome, { timeout: 10_000 }).not.toBe("SHOWN");
    const rows = [await firstRow()];
    expect(rows[0]).toMatchObject({
      outcome: "EDITED",
      surface: "inbox",
      sentMessageId: sent.id,
      staffUserId: "demo-staff",
    });
    // Answered: the drafts go away.
    await expect
      .poll(() => page.getByRole("region", { name: "Suggested replies" }).count(), { timeout: 15_000 })
      .toBe(0);
    await page.locator("[role=log]").getByText(ADDED.trim(), { exact: false }).first().waitFor();
    await screenshot(page, "suggested-replies-02-sent");
  });

  it("GIVEN the sent suggestion WHEN the Knowledge page opens THEN its card counts it", async () => {
    await page.goto(`${demo.url}/app/knowledge`);
    const card = page.getByTestId("suggestion-stats");
    await card.waitFor({ timeout: 30_000 });
    const text = (await card.textContent()) ?? "";
    expect(text).toMatch(/Edited\s*1/);
    expect(text).toMatch(/Accepted\s*0/);
    await screenshot(page, "suggested-replies-03-knowledge-card");
    expect(dialogs).toEqual([]);
  });
});
