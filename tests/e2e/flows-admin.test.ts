// Flows admin in Chromium against the real demo (embedded PGlite, stand-in vendors):
// connect Twilio, turn Order confirmation on, edit its SMS template with the live
// preview (a real customer's name, then an inline Liquid error), save, and see the
// message a signed orders/create sends on that customer's timeline.
import { randomInt } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import { signedWebhookRequest, webhookFixture } from "../support/shopify-webhook";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];

beforeAll(async () => {
  session = await startDemoInBrowser("flows");
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

const SMS_BODY = "Hi {{ customer.first_name }}, {{ shop.name }} has your order {{ order.name }}. Thank you!";

function card(heading: string): Locator {
  // One flow's card on the Flows page (its sections are <section>s holding several cards).
  return page.locator("article", { has: page.getByRole("heading", { name: heading, exact: true }) });
}

describe("flows admin in Chromium", () => {
  it("GIVEN the demo WHEN Twilio is connected on the Channels page THEN its webhook URLs are shown", async () => {
    await page.goto(`${demo.url}/app/channels`);
    const twilio = page.locator("form", { has: page.getByLabel("Account SID") });
    await twilio.getByLabel("Account SID").fill(`AC${"0123456789abcdef".repeat(2)}`);
    await twilio.getByLabel("Auth token").fill("demo-auth-token");
    await twilio.getByLabel("Sender phone number").fill("+14155550100");
    // "Connect Twilio" on a fresh shop, "Save" when the demo has already connected it.
    await twilio.getByRole("button", { name: /^(Connect Twilio|Save)$/ }).click();
    await page.getByText("Twilio settings saved").waitFor();
    const status = page.getByLabel("Status callback URL", { exact: true });
    await status.waitFor();
    expect(await status.inputValue()).toMatch(/\/webhooks\/twilio\/status\/[\w-]+$/);
    expect(await page.getByLabel("Messaging webhook (incoming messages)", { exact: true }).inputValue()).toMatch(
      /\/webhooks\/twilio\/inbound\/[\w-]+$/,
    );
    // The token is never shown back.
    expect(await page.getByLabel("Auth token (saved)").inputValue()).toBe("");
    expect(await page.content()).not.toContain("demo-auth-token");
    await screenshot(page, "flows-01-channels-connected");

    // A test message goes straight through the Twilio stand-in and answers its message id.
    const test = page.locator("form", { has: page.getByLabel("Test phone number") });
    await test.getByLabel("Test phone number").fill("+14155550123");
    await test.getByRole("button", { name: "Send test" }).click();
    await page.getByText("Test message accepted").waitFor();
    expect(await page.textContent("main")).toMatch(/Provider message id: SM\w+/);
  });

  it("GIVEN the Flows page WHEN Order confirmation is switched on THEN it shows On and stays on after a reload", async () => {
    await page.goto(`${demo.url}/app/flows`);
    const flow = card("Order confirmation");
    const toggle = flow.getByRole("checkbox", { name: /order confirmation messages/i });
    expect(await toggle.isChecked()).toBe(false);
    await flow.locator("label", { hasText: /order confirmation messages/i }).click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await page.waitForLoadState("networkidle");
    await page.reload();
    expect(
      await card("Order confirmation")
        .getByRole("checkbox", { name: /order confirmation messages/i })
        .isChecked(),
    ).toBe(true);
    await screenshot(page, "flows-02-flows-page");
  });

  it("GIVEN the Flows page still loading its scripts WHEN Shipping updates is clicked at once THEN the click is not lost: it is saved", async () => {
    // Hold the page's scripts back, so the click lands before React has hydrated the switch.
    const held = "**/assets/**/*.js";
    await page.route(held, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Unrouted meanwhile (the test moved on): the request has already gone its own way.
      await route.continue().catch(() => undefined);
    });
    try {
      await page.goto(`${demo.url}/app/flows`, { waitUntil: "commit" });
      const toggle = card("Shipping updates").getByRole("checkbox", { name: /shipping updates messages/i });
      await toggle.waitFor({ state: "attached" });
      expect(await toggle.isChecked()).toBe(false);
      await toggle.click();
      await expect.poll(() => toggle.isChecked(), { timeout: 10_000 }).toBe(true);
    } finally {
      await page.unroute(held);
    }
    await page.waitForLoadState("networkidle");
    await page.reload();
    expect(
      await card("Shipping updates")
        .getByRole("checkbox", { name: /shipping updates messages/i })
        .isChecked(),
    ).toBe(true);
  });

  it("GIVEN the review request flow WHEN a merchant reads the Flows page and its editor THEN both say it waits days after delivery", async () => {
    await page.goto(`${demo.url}/app/flows`);
    expect(await card("Review request").textContent()).toContain(
      "Sends 7 days after delivery (14 days after fulfillment when no delivery is reported) by Email",
    );
    await card("Review request").getByRole("link", { name: /Edit/ }).click();
    await page.waitForURL("**/app/flows/*");
    expect(await page.getByLabel("Days after delivery", { exact: true }).inputValue()).toBe("7");
    expect(await page.getByLabel("Days after fulfillment, when no delivery is reported").inputValue()).toBe("14");
    await page.getByText("Added to the days after delivery (or fulfillment) set above. 0 sends then.").waitFor();
    await screenshot(page, "flows-02b-review-request-editor");
    await page.goto(`${demo.url}/app/flows`);
  });

  let flowUrl = "";

  it("GIVEN the editor WHEN the SMS template is edited THEN the live preview shows a real customer's name, and a Liquid error shows inline", async () => {
    await card("Order confirmation").getByRole("link", { name: /Edit/ }).click();
    await page.waitForURL("**/app/flows/*");
    flowUrl = page.url();
    const customerSelect = page.getByLabel("Customer", { exact: true });
    const customerLabel = (await customerSelect.locator("option:checked").textContent()) ?? "";
    const firstName = customerLabel.split(/[ ·]/)[0]!;
    expect(firstName.length).toBeGreaterThan(1);

    const step = page.getByTestId("step-1");
    // SMS first in the channel preference, with the keyboard-usable move buttons.
    await step.getByRole("button", { name: "Move SMS up" }).click();
    await step.getByRole("tab", { name: /SMS/ }).click();
    const body = step.getByLabel("SMS message (en)");
    await body.fill(SMS_BODY);
    const preview = step.getByTestId("template-preview");
    await expect
      .poll(() => preview.textContent(), { timeout: 10_000 })
      .toContain(`Hi ${firstName}, Threadline Demo Outfitters has your order`);
    await screenshot(page, "flows-03-editor-preview");

    await body.fill("Hi {{ customer.first_name }, {{ order.name }}");
    await expect.poll(() => step.textContent(), { timeout: 10_000 }).toMatch(/Liquid error:.*line 1/);
    await screenshot(page, "flows-04-editor-liquid-error");

    // Saving is refused while the template is broken.
    await page.getByRole("button", { name: "Save" }).first().click();
    await page.getByText("Not saved: fix these first").waitFor();

    await body.fill(SMS_BODY);
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain(`Hi ${firstName}`);
    await page.getByRole("button", { name: "Save" }).first().click();
    await page.getByText("Flow saved").waitFor();
    await page.reload();
    await page.getByTestId("step-1").getByRole("tab", { name: /SMS/ }).click();
    expect(await page.getByTestId("step-1").getByLabel("SMS message (en)").inputValue()).toBe(SMS_BODY);
    expect(await page.getByTestId("step-1").getByRole("checkbox", { name: "1. SMS" }).isChecked()).toBe(true);
    await screenshot(page, "flows-05-editor-saved");
  });

  it("GIVEN the flow is on WHEN Shopify sends a signed orders/create THEN the confirmation appears on the customer's timeline and in the flow log", async () => {
    const order = webhookFixture("orders/create");
    const n = randomInt(100_000, 999_999);
    order.id = 5912340000000 + n;
    order.name = `#E2E${n}`;
    order.order_number = n;
    order.email = `flow-e2e-${n}@example.com`;
    order.contact_email = order.email;
    order.created_at = order.processed_at = order.updated_at = new Date().toISOString();
    order.checkout_token = `e2e${n}`;
    order.token = `e2e-order-${n}`;
    if (order.customer) {
      order.customer.id = 7218830000000 + n;
      order.customer.email = order.email;
      order.customer.first_name = "Flowtest";
      order.customer.phone = "+16135550142";
    }
    const response = await fetch(
      signedWebhookRequest({ topic: "orders/create", body: order, url: `${demo.url}/webhooks` }),
    );
    expect(response.status).toBe(200);

    // The customer appears once the webhook is processed.
    let customerUrl = "";
    await expect
      .poll(
        async () => {
          await page.goto(`${demo.url}/app/customers?q=${encodeURIComponent(order.email)}`);
          const link = page.locator("table tbody tr a").first();
          if ((await link.count()) === 0) return "";
          customerUrl = (await link.getAttribute("href")) ?? "";
          return customerUrl;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toMatch(/\/app\/customers\/\w+/);

    await expect
      .poll(
        async () => {
          await page.goto(`${demo.url}${customerUrl}`);
          return (await page.textContent("main")) ?? "";
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toContain(`Hi Flowtest, Threadline Demo Outfitters has your order ${order.name}`);
    await screenshot(page, "flows-06-customer-timeline");

    await page.goto(`${flowUrl}/log`);
    await page
      .getByRole("link", { name: /Flowtest/ })
      .first()
      .waitFor();
    await screenshot(page, "flows-07-flow-log");
    expect(dialogs).toEqual([]);
  });
});
