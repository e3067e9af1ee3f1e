// Customer merge in Chromium against the real demo (embedded PGlite): a guest who
// wrote in by SMS is found by phone from a Shopify customer's page, previewed side
// by side (consent: the stricter choice wins), merged, and the merge undone from
// the customer page's merge history.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];

beforeAll(async () => {
  session = await startDemoInBrowser("merge", 1000);
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe("customer merge in Chromium", () => {
  it("GIVEN a guest and a Shopify customer WHEN staff merge them and undo THEN everything moves and comes back", async () => {
    const { db } = await import("../../app/db/client.server");
    const survivor = await db().customer.findFirstOrThrow({
      // One with a seeded open conversation, so that the merge must join two open conversations.
      where: {
        shopifyCustomerId: { not: null },
        mergedIntoId: null,
        firstName: { not: null },
        conversations: { some: { openCustomerId: { not: null } } },
      },
      orderBy: { createdAt: "asc" },
    });
    const shopId = survivor.shopId;
    await db().consent.upsert({
      where: { customerId_channel_purpose: { customerId: survivor.id, channel: "SMS", purpose: "MARKETING" } },
      create: {
        shopId,
        customerId: survivor.id,
        channel: "SMS",
        purpose: "MARKETING",
        state: "GRANTED",
        source: "CHECKOUT",
        occurredAt: new Date(),
      },
      update: { state: "GRANTED" },
    });
    const guest = await db().customer.create({
      data: { shopId, firstName: "Guesty", lastName: "<b>McGuest</b>", phone: "+14155550987" },
    });
    await db().customerIdentity.create({
      data: { shopId, customerId: guest.id, kind: "PHONE", value: "+14155550987" },
    });
    await db().consent.create({
      data: {
        shopId,
        customerId: guest.id,
        channel: "SMS",
        purpose: "MARKETING",
        state: "REVOKED",
        source: "KEYWORD",
        occurredAt: new Date(),
      },
    });
    const conversation = await db().conversation.create({
      data: {
        replyToken: newCaseInsensitiveToken(),
        shopId,
        customerId: guest.id,
        openCustomerId: guest.id,
        lastMessagePreview: "hello from a guest",
      },
    });
    const message = await db().message.create({
      data: {
        shopId,
        conversationId: conversation.id,
        customerId: guest.id,
        direction: "INBOUND",
        channel: "SMS",
        author: "CUSTOMER",
        body: "hello from a guest",
        deliveryStatus: "RECEIVED",
        idempotencyKey: `e2e-merge-${guest.id}`,
      },
    });

    // From the Shopify customer's page to the merge page.
    await page.goto(`${demo.url}/app/customers/${survivor.id}`);
    await page.getByRole("heading", { name: "Merges" }).waitFor();
    await page.getByText("This customer has not been merged with another one.").waitFor();
    await page.getByRole("link", { name: "Merge with another customer" }).first().click();
    await page.getByLabel("Find the customer to merge into this one").waitFor();

    // Search by phone, preview side by side.
    await page.getByLabel("Find the customer to merge into this one").fill("4155550987");
    await page.getByRole("link", { name: /Preview merging Guesty/ }).click();
    await page.getByRole("heading", { name: "Consent after the merge" }).waitFor();
    const body = (await page.textContent("main")) ?? "";
    expect(body).toContain("Keeps (this customer)");
    expect(body).toContain("Merged into it");
    expect(body).toContain("Guesty <b>McGuest</b>"); // shown as text, never as HTML
    expect(body).toMatch(/more restrictive choice \(unsubscribed\) is kept/);
    await screenshot(page, "merge-01-preview");

    await page.getByRole("button", { name: "Merge customers" }).click();
    await page.waitForURL(new RegExp(`/app/customers/${survivor.id}\\?merged=`));
    // Source into target, in the names they had: the banner and the merge history.
    const direction = `Merged Guesty <b>McGuest</b> into ${[survivor.firstName, survivor.lastName].filter(Boolean).join(" ")} (this customer)`;
    await page.getByText(direction).first().waitFor();
    expect((await db().message.findUniqueOrThrow({ where: { id: message.id } })).customerId).toBe(survivor.id);
    expect((await db().customer.findUniqueOrThrow({ where: { id: guest.id } })).mergedIntoId).toBe(survivor.id);
    const sms = await db().consent.findUniqueOrThrow({
      where: { customerId_channel_purpose: { customerId: survivor.id, channel: "SMS", purpose: "MARKETING" } },
    });
    expect(sms.state).toBe("REVOKED");
    // Both had an open conversation: the guest's message joined the survivor's, one stays open.
    expect(await db().conversation.count({ where: { openCustomerId: survivor.id } })).toBe(1);
    expect((await db().message.findUniqueOrThrow({ where: { id: message.id } })).conversationId).not.toBe(
      conversation.id,
    );
    await screenshot(page, "merge-02-merged");

    // Undo from the merge history.
    await page.getByRole("button", { name: /Undo merge of Guesty/ }).click();
    await page.getByText("Undone", { exact: true }).waitFor();
    expect((await db().message.findUniqueOrThrow({ where: { id: message.id } })).customerId).toBe(guest.id);
    expect((await db().customer.findUniqueOrThrow({ where: { id: guest.id } })).mergedIntoId).toBeNull();
    const restored = await db().consent.findUniqueOrThrow({ where: { id: sms.id } });
    expect(restored.state).toBe("GRANTED");
    expect(await db().message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      conversationId: conversation.id,
    });
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      openCustomerId: guest.id,
      status: "OPEN",
    });
    expect(await page.getByRole("button", { name: /Undo merge/ }).count()).toBe(0);
    await screenshot(page, "merge-03-undone");
    expect(dialogs).toEqual([]);
  }, 120_000);
});
