// The storefront chat in Chromium against the real demo: a shopper on /demo/storefront (the real
// app embed, the built widget, Shopify's app proxy emulated with real signatures) writes, the
// message lands in the admin inbox with the page they are on, staff reply on chat and the shopper
// sees it without reloading; a script payload stays text on both sides; unsigned and forged proxy
// calls answer 401; outside business hours the widget asks for an email.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { forbidDialogs, screenshot } from "../support/browser";
import { DEMO_SHOP_DOMAIN } from "../../app/shopify/demo-shop";
import { signedProxyQuery } from "../fakes/shopify-app-proxy";

let session: DemoInBrowser;
let admin: Page;
let shopperContext: BrowserContext;
let shopper: Page;
const dialogs: string[] = [];
const PAYLOAD = `<script>alert("shopper")</script><img src=x onerror=alert(1)> Does the Merino sweater run small?`;
const REPLY = `It runs true to size <b>not bold</b>, so take your usual M.`;

beforeAll(async () => {
  session = await startDemoInBrowser("storefront");
  admin = session.page;
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

/** The widget lives in an open shadow root; Playwright's CSS locators pierce it. */
const widget = (page: Page) => ({
  launcher: page.locator("button[aria-controls=tl-panel]"),
  panel: page.locator("#tl-panel"),
  input: page.locator("#tl-panel textarea"),
  email: page.locator("#tl-panel input[type=email]"),
  log: page.locator("#tl-panel [aria-live=polite]").first(),
});

describe("storefront chat in Chromium", () => {
  it("GIVEN the demo storefront WHEN a shopper on a product page opens the widget from the keyboard and writes THEN the message is stored as text, without layout shift", async () => {
    await shopper.goto(`${session.demo.url}/demo/storefront`);
    await shopper
      .getByRole("link", { name: /Merino Crew Sweater/ })
      .first()
      .click();
    await shopper.locator("h1", { hasText: "Merino Crew Sweater" }).waitFor();
    const w = widget(shopper);
    await w.launcher.waitFor();
    // The widget is fixed-position: the page's own content did not move when it mounted.
    const shift = await shopper.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as Array<PerformanceEntry & { value: number }>) total += e.value;
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => resolve(total), 300);
        }),
    );
    expect(shift).toBe(0);
    await screenshot(shopper, "storefront-01-product-page");

    await w.launcher.focus();
    await shopper.keyboard.press("Enter");
    await expect.poll(() => w.launcher.getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => w.input.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await shopper.keyboard.type(PAYLOAD);
    await shopper.keyboard.press("Enter");
    await w.panel.getByText(PAYLOAD, { exact: true }).waitFor();
    expect(await w.panel.locator("img, b, script:not([type])").count()).toBe(0);
    await screenshot(shopper, "storefront-02-sent");

    const db = await demoDb();
    const stored = await expect
      .poll(() => db.message.findFirst({ where: { body: PAYLOAD, channel: "CHAT" } }), { timeout: 10_000 })
      .not.toBeNull()
      .then(() => db.message.findFirstOrThrow({ where: { body: PAYLOAD, channel: "CHAT" } }));
    expect(stored.direction).toBe("INBOUND");
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: stored.conversationId } });
    expect(conversation.visitorPage).toMatchObject({
      type: "product",
      product: { title: "Merino Crew Sweater - Charcoal / M" },
    });
    const browsing = await db.timelineEvent.findMany({ where: { customerId: stored.customerId, type: "BROWSING" } });
    expect(browsing.map((e) => e.title)).toEqual([
      expect.stringMatching(/^Viewed Merino Crew Sweater - Charcoal \/ M/),
    ]);
  });

  it("GIVEN the shopper's message WHEN staff open it in the inbox THEN it shows as text with the page the shopper is on", async () => {
    await admin.goto(`${session.demo.url}/app/inbox`);
    await admin.locator("h1", { hasText: "Inbox" }).first().waitFor();
    const row = admin.locator("table tbody tr", { hasText: "Does the Merino sweater run small?" }).first();
    await row.waitFor({ timeout: 20_000 });
    await screenshot(admin, "storefront-03-inbox-list");
    await row.locator("a[data-inbox-row]").click();
    await admin.waitForURL("**/app/inbox/*");
    await admin.locator("[role=log]").getByText(PAYLOAD, { exact: true }).waitFor();
    expect(await admin.locator("[role=log] img[src=x]").count()).toBe(0);
    // The card beside the thread links to the product page the shopper is on.
    const viewing = admin.getByRole("link", { name: "Merino Crew Sweater - Charcoal / M · $89.00" });
    await viewing.waitFor();
    expect(await viewing.getAttribute("href")).toMatch(/\/demo\/storefront\/products\/merino-crew-sweater/);
    expect(await admin.getByLabel("Channel", { exact: true }).inputValue()).toBe("CHAT");
    await screenshot(admin, "storefront-04-inbox-conversation");
  });

  it("GIVEN the open widget WHEN staff reply on chat THEN the shopper sees it without reloading, as text, announced in the live region", async () => {
    const navigations: string[] = [];
    shopper.on("framenavigated", (f) => navigations.push(f.url()));
    await admin.getByLabel("Message", { exact: true }).fill(REPLY);
    await admin.getByRole("button", { name: "Send Chat" }).click();
    await admin.locator("[role=log]").getByText(REPLY).waitFor({ timeout: 15_000 });
    const w = widget(shopper);
    const started = Date.now();
    const bubble = w.panel.locator("li", { hasText: REPLY });
    await bubble.waitFor({ timeout: 10_000 });
    console.log(
      `storefront chat: staff reply visible in the widget ${Date.now() - started} ms after the inbox showed it`,
    );
    expect(navigations).toEqual([]);
    // Staff are shown by first name only; the text is exactly what staff wrote.
    expect(await bubble.textContent()).toBe(`Demo${REPLY}`);
    expect(await w.panel.locator("b").count()).toBe(0);
    await expect
      .poll(async () => (await shopper.locator(".sr[aria-live=polite]").allTextContents()).join(" "))
      .toContain(REPLY);
    await screenshot(shopper, "storefront-05-reply-in-widget");
  });

  it("GIVEN the widget is closed WHEN staff write again THEN an unread badge appears on the launcher", async () => {
    const w = widget(shopper);
    await shopper.keyboard.press("Escape");
    await expect.poll(() => w.launcher.getAttribute("aria-expanded")).toBe("false");
    await admin.getByLabel("Message", { exact: true }).fill("Also: free returns within 30 days.");
    await admin.getByRole("button", { name: "Send Chat" }).click();
    await expect
      .poll(async () => (await w.launcher.getAttribute("aria-label")) ?? "", { timeout: 45_000 })
      .toMatch(/1 unread/);
    expect(await shopper.locator("button[aria-controls=tl-panel] .badge").textContent()).toBe("1");
    await screenshot(shopper, "storefront-06-unread-badge");
  });

  it("GIVEN an anonymous chat WHEN the shopper signs in to the store THEN the widget shows the same chat and it now belongs to their customer record", async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    forbidDialogs(page, dialogs);
    await page.goto(`${session.demo.url}/demo/storefront/products/wool-beanie-rust`);
    const w = widget(page);
    await w.launcher.click();
    await w.input.fill("Is the beanie warm enough for Iceland?");
    await w.input.press("Enter");
    await w.panel.getByText("Is the beanie warm enough for Iceland?", { exact: true }).waitFor();

    await page.getByRole("link", { name: /^Sign in as / }).click();
    await page.getByText(/^Signed in as/).waitFor();
    await w.launcher.click();
    await w.panel.getByText("Is the beanie warm enough for Iceland?", { exact: true }).waitFor();
    await screenshot(page, "storefront-07-signed-in");

    const db = await demoDb();
    const message = await db.message.findFirstOrThrow({ where: { body: "Is the beanie warm enough for Iceland?" } });
    const owner = await db.customer.findUniqueOrThrow({ where: { id: message.customerId } });
    expect(owner.shopifyCustomerId).not.toBeNull();
    expect(owner.firstName).toBeTruthy();
    await context.close();
  });

  it("GIVEN proxy calls that Shopify did not sign WHEN they reach the app THEN 401 and nothing is stored", async () => {
    const base = `${session.demo.url}/proxy/chat/messages`;
    const body = JSON.stringify({ visitorId: "forged-visitor-0001", text: "forged" });
    const unsigned = await fetch(`${base}?shop=${DEMO_SHOP_DOMAIN}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    });
    expect(unsigned.status).toBe(401);
    const query = signedProxyQuery({
      storefrontQuery: new URLSearchParams(),
      shop: DEMO_SHOP_DOMAIN,
      pathPrefix: "/apps/threadline",
      loggedInCustomerId: null,
      secret: "not-the-app-secret",
    });
    const forged = await fetch(`${base}?${query}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: "Invalid signature" });
    // A correctly signed query whose customer id was changed afterwards is refused too.
    const { config } = await import("../../app/config.server");
    const tampered = signedProxyQuery({
      storefrontQuery: new URLSearchParams({ visitorId: "forged-visitor-0001" }),
      shop: DEMO_SHOP_DOMAIN,
      pathPrefix: "/apps/threadline",
      loggedInCustomerId: null,
      secret: config().SHOPIFY_API_SECRET,
    });
    tampered.set("logged_in_customer_id", "1");
    expect((await fetch(`${base}?${tampered}`)).status).toBe(401);
    const db = await demoDb();
    expect(await db.message.count({ where: { body: "forged" } })).toBe(0);
  });

  it("GIVEN the shop is closed WHEN a new shopper writes THEN the widget asks for an email and staff see the answer will go by email", async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const night = await context.newPage();
    forbidDialogs(night, dialogs);
    await night.goto(`${session.demo.url}/demo/storefront/settings?hours=closed`);
    const w = widget(night);
    await w.launcher.click();
    await w.panel.getByText(/We're away right now/).waitFor();
    await w.input.fill("Do you ship to Canada?");
    await w.input.press("Enter");
    // No email yet: the widget asks for one instead of sending.
    await expect
      .poll(async () => await w.email.evaluate((el) => (el as HTMLInputElement).matches(":invalid")))
      .toBe(true);
    await w.email.fill("night.owl@example.com");
    await w.input.press("Enter");
    await w.panel.getByText("Do you ship to Canada?", { exact: true }).waitFor();
    await screenshot(night, "storefront-08-offline-email");
    const db = await demoDb();
    await expect
      .poll(() => db.conversation.count({ where: { visitorReplyEmail: "night.owl@example.com" } }), { timeout: 10_000 })
      .toBe(1);
    await context.close();

    const waiting = await db.conversation.findFirstOrThrow({ where: { visitorReplyEmail: "night.owl@example.com" } });
    await admin.goto(`${session.demo.url}/app/inbox/${waiting.id}`);
    await admin.getByText("asked for the answer by email, at night.owl@example.com", { exact: false }).waitFor();
    expect(await admin.getByLabel("Channel", { exact: true }).inputValue()).toBe("EMAIL");
    expect(await admin.getByLabel("Subject", { exact: true }).inputValue()).toMatch(/^Your message to /);
    await screenshot(admin, "storefront-09-offline-in-inbox");
    await admin.getByLabel("Message", { exact: true }).fill("Yes, we ship to Canada in 3 to 5 days.");
    await admin.getByRole("button", { name: "Send Email" }).click();
    // Accepted by the SendGrid stand-in (the exact payload is asserted in storefront-chat-context.test.ts).
    await expect
      .poll(
        async () =>
          (await db.message.findFirst({ where: { body: "Yes, we ship to Canada in 3 to 5 days." } }))
            ?.providerMessageId ?? null,
        { timeout: 20_000 },
      )
      .not.toBeNull();
    const answer = await db.message.findFirstOrThrow({ where: { body: "Yes, we ship to Canada in 3 to 5 days." } });
    expect(answer).toMatchObject({ channel: "EMAIL", toAddress: "night.owl@example.com", conversationId: waiting.id });
    expect(dialogs).toEqual([]);
  });
});
