// The storefront chat's satisfaction survey in Chromium against the real demo (the real app embed,
// the built widget, Shopify's app proxy emulated with real signatures, real workers): a shopper
// chats, the conversation is resolved, the widget offers five stars, the shopper rates it from the
// keyboard with a comment, and the answer is recorded once and thanked.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { forbidDialogs, screenshot } from "../support/browser";
import { DEMO_SHOP_DOMAIN } from "../../app/shopify/demo-shop";

let session: DemoInBrowser;
let shopperContext: BrowserContext;
let shopper: Page;
const dialogs: string[] = [];
const QUESTION = "Can I return a sweater after 20 days?";
const COMMENT = `<img src=x onerror=alert(1)> Quick and kind`;

beforeAll(async () => {
  session = await startDemoInBrowser("csat-widget");
  shopperContext = await session.browser.newContext({
    viewport: { width: 1280, height: 860 },
    reducedMotion: "reduce",
  });
  shopper = await shopperContext.newPage();
  forbidDialogs(shopper, dialogs);
}, 180_000);

afterAll(async () => {
  await shopperContext?.close();
  await session?.close();
});

describe("CSAT in the storefront widget", () => {
  it("GIVEN a resolved chat WHEN the shopper picks 4 stars with the keyboard and a comment THEN it is recorded once and thanked", async () => {
    const db = await demoDb();
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
    const { saveCsatSettings } = await import("../../app/csat/save-settings.server");
    expect(await saveCsatSettings(shop.id, { enabled: "on", delayMinutes: "0" })).toMatchObject({ ok: true });

    await shopper.goto(`${session.demo.url}/demo/storefront`);
    const launcher = shopper.locator("button[aria-controls=tl-panel]");
    // The first poll tells the widget whether the shop is open (the demo calendar).
    const firstPoll = shopper.waitForResponse((r) => r.url().includes("/chat/history"));
    await launcher.click();
    const { hours } = (await (await firstPoll).json()) as { hours: { open: boolean } | null };
    const panel = shopper.locator("#tl-panel");
    // Outside the shop calendar's hours (once set) the widget asks for an email first.
    if (hours && !hours.open) await panel.locator("input[type=email]").fill("shopper@example.com");
    await panel.locator("textarea").first().fill(QUESTION);
    await panel.locator("textarea").first().press("Enter");
    await panel.getByText(QUESTION, { exact: true }).waitFor();

    const message = await expect
      .poll(() => db.message.findFirst({ where: { body: QUESTION, channel: "CHAT" } }), { timeout: 10_000 })
      .not.toBeNull()
      .then(() => db.message.findFirstOrThrow({ where: { body: QUESTION, channel: "CHAT" } }));
    const { setConversationStatus } = await import("../../app/conversations/state.server");
    await setConversationStatus(shop.id, message.conversationId, "RESOLVED", {}, { id: "staff-e2e", name: "Robin" });

    // The job offers it in the widget (no message): the row is SENT.
    await expect
      .poll(() => db.csatSurvey.findUnique({ where: { conversationId: message.conversationId } }), { timeout: 20_000 })
      .toMatchObject({ state: "SENT", channel: "CHAT" });
    // The widget's poll brings the survey: a radio group named by its legend, one radio per star.
    const stars = panel.getByRole("group", { name: "How did we do?" });
    await stars.waitFor({ timeout: 30_000 });
    for (const n of [1, 2, 3, 4, 5]) await panel.getByRole("radio", { name: `${n} out of 5 stars` }).waitFor();
    await screenshot(shopper, "csat-widget-01-stars");

    // Keyboard only: focus the first star, arrow to the fourth, tab to the comment, tab to send.
    await panel.getByRole("radio", { name: "1 out of 5 stars" }).focus();
    await shopper.keyboard.press("Space");
    for (let i = 0; i < 3; i++) await shopper.keyboard.press("ArrowRight");
    expect(await panel.getByRole("radio", { name: "4 out of 5 stars" }).isChecked()).toBe(true);
    expect(await panel.locator(".star.on").count()).toBe(4);
    // The focused star shows a visible outline.
    const outline = await panel
      .locator(".star input:focus-visible + span")
      .evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe("solid");
    await screenshot(shopper, "csat-widget-02-four-stars");
    await shopper.keyboard.press("Tab");
    await shopper.keyboard.type(COMMENT);
    await shopper.keyboard.press("Tab");
    await shopper.keyboard.press("Enter");

    const thanks = panel.getByRole("status");
    await thanks.getByText("Thank you! You rated us 4/5.").waitFor();
    await screenshot(shopper, "csat-widget-03-thanks");
    expect(await panel.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);

    const survey = await db.csatSurvey.findUniqueOrThrow({ where: { conversationId: message.conversationId } });
    expect(survey).toMatchObject({ state: "ANSWERED", channel: "CHAT", score: 4, comment: COMMENT });
    const event = await db.timelineEvent.findFirstOrThrow({ where: { dedupeKey: `csat:${survey.id}` } });
    expect(event.title).toBe(`Rated the conversation 4/5: ${COMMENT}`);

    // A reload keeps the thanks (the history answer says "answered"), never the stars again.
    await shopper.reload();
    await launcher.click();
    await panel.getByRole("status").getByText("Thank you! You rated us 4/5.").waitFor({ timeout: 15_000 });
    expect(await panel.getByRole("radio").count()).toBe(0);
  }, 120_000);
});
