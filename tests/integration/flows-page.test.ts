// The Flows page body rendered on the server from a real shop's flows: the order and cart flows and
// the lifecycle flows in their own sections, each card with its description, switch, schedule
// sentence and 30-day figures (or a plain line when the flow did nothing).
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { beforeEach, describe, expect, it } from "vitest";
import { getFlowsOverview, setFlowEnabled } from "../../app/admin-queries/flows.server";
import { FlowsList } from "../../app/components/flows-list/FlowsList";
import type { FlowEntry } from "../../app/components/flows-list/page-data";
import { db } from "../../app/db/client.server";
import { ensureDefaultFlows } from "../../app/flows/ensure-default-flows.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { createShop } from "../support/factories";

const FORMAT = { currency: "USD", timeZone: "UTC", locale: "en" };

let shopId: string;

beforeEach(async () => {
  await db().shop.deleteMany();
  shopId = (await createShop()).id;
  await ensureDefaultFlows(shopId);
});

/** The page body as the server sends it, as text, and each section's text by its heading. */
async function renderPage() {
  const overview = await getFlowsOverview(shopId);
  // The loader's JSON, as the browser gets it (dates as strings).
  const flows = JSON.parse(JSON.stringify(overview.flows)) as FlowEntry[];
  const router = createMemoryRouter([{ path: "/", element: createElement(FlowsList, { flows, format: FORMAT }) }]);
  const html = renderToStaticMarkup(
    createElement(AppProvider, { i18n: en }, createElement(RouterProvider, { router })),
  );
  const text = (markup: string) =>
    markup
      .replace(/<[^>]+>/g, " ")
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, " ")
      .trim();
  const sections = [...html.matchAll(/<section aria-labelledby="flows-section-(\w+)">([\s\S]*?)<\/section>/g)].map(
    ([, id, inner]) => ({ id, text: text(inner!), cards: [...inner!.matchAll(/<article[\s\S]*?<\/article>/g)] }),
  );
  return { html, text: text(html), sections };
}

const headingsOf = (section: { cards: RegExpMatchArray[] }) =>
  section.cards.map((card) => /<h3[^>]*>([^<]+)<\/h3>/.exec(card[0])![1]);

describe("the Flows page body", () => {
  it("GIVEN a fresh shop WHEN the page renders THEN order and cart flows and lifecycle flows sit in their own sections, all off, each saying what it does", async () => {
    const { sections } = await renderPage();

    expect(sections.map((s) => s.id)).toEqual(["orders", "lifecycle"]);
    const [orders, lifecycle] = sections;
    expect(orders!.text).toMatch(/^Order and cart messages 0 of 4 on /);
    expect(headingsOf(orders!)).toEqual(["Cart recovery", "Order confirmation", "Shipping updates", "Review request"]);
    expect(lifecycle!.text).toMatch(/^Lifecycle 0 of 6 on Marketing messages for moments in a customer's life/);
    expect(headingsOf(lifecycle!)).toEqual([
      "Welcome series",
      "Browse abandonment",
      "Post-purchase cross-sell",
      "Replenishment reminder",
      "Win-back",
      "Location promotion",
    ]);
    expect(lifecycle!.text).toContain("Greets new subscribers with a short series of messages introducing your shop.");
    expect(lifecycle!.text).toContain(
      "Follows up with shoppers who viewed a product but did not add it to their cart or buy it.",
    );
    expect(lifecycle!.text).toContain("Suggests products that go well with an order, once it has been delivered.");
    expect(lifecycle!.text).toContain("Reminds customers to reorder a product around when they are likely to run out.");
    expect(lifecycle!.text).toContain(
      "Invites back customers who have not ordered for a while, or whose buying shows they are at risk.",
    );
    expect(lifecycle!.text).toContain(
      "Sends customers in the countries, regions or area you choose a promotion with their own discount code.",
    );
    expect(orders!.text).toContain("Reminds shoppers who left checkout, with a link back to their cart.");

    for (const card of [...orders!.cards, ...lifecycle!.cards]) {
      const cardText = card[0].replace(/<[^>]+>/g, " ");
      // Off, a switch named after the flow, a schedule sentence, and a plain line for no activity.
      expect(cardText).toMatch(/\bOff\b/);
      expect(card[0]).toMatch(/<input[^>]*type="checkbox"[^>]*aria-checked="false"/);
      expect(cardText).toMatch(/Send [\w -]+ messages/);
      expect(cardText).toMatch(/Sends /);
      expect(cardText).toContain("Nothing sent and no orders in the last 30 days.");
    }
    // The location promotion has no area yet, and says so; no other card has a setup note.
    expect(lifecycle!.text).toContain(
      "No countries, regions or area chosen yet: edit the flow to choose who gets this promotion.",
    );
    expect(orders!.text).not.toContain("No countries, regions or area chosen yet");
  });

  it("GIVEN a lifecycle flow switched on and one that sent messages WHEN the page renders THEN its section counts it on and its card shows the figures", async () => {
    const winBack = await db().flow.findUniqueOrThrow({ where: { shopId_kind: { shopId, kind: "WIN_BACK" } } });
    await setFlowEnabled(shopId, winBack.id, true);
    await db().flow.updateMany({
      where: { shopId, kind: "LOCATION_PROMOTION" },
      data: { settings: { countries: ["CA"], discountPercent: 15 } },
    });
    const customer = await db().customer.create({ data: { shopId, firstName: "Wren" } });
    const conversation = await db().conversation.create({
      data: { replyToken: newCaseInsensitiveToken(), shopId, customerId: customer.id, status: "RESOLVED" },
    });
    for (const [i, deliveryStatus] of (["DELIVERED", "CLICKED"] as const).entries()) {
      await db().message.create({
        data: {
          shopId,
          conversationId: conversation.id,
          customerId: customer.id,
          direction: "OUTBOUND",
          author: "FLOW",
          channel: "EMAIL",
          body: "We miss you",
          deliveryStatus,
          flowId: winBack.id,
          idempotencyKey: `win-back-${i}`,
        },
      });
    }

    const { sections } = await renderPage();
    const lifecycle = sections.find((s) => s.id === "lifecycle")!;
    expect(lifecycle.text).toMatch(/^Lifecycle 1 of 6 on /);
    expect(sections.find((s) => s.id === "orders")!.text).toMatch(/^Order and cart messages 0 of 4 on /);
    const card = lifecycle.cards.find((c) => c[0].includes(">Win-back</h3>"))![0];
    const cardText = card.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    // The badge reads "Success On" to a screen reader (Polaris names its tone).
    expect(cardText).toMatch(/Win-back Success On /);
    expect(card).toMatch(/<input[^>]*type="checkbox"[^>]*aria-checked="true"/);
    expect(cardText).toContain("Sent 2 Delivered 2 Clicked 1 Orders 0 Revenue $0.00");
    expect(cardText).not.toContain("Nothing sent");
    // Once an area is chosen, the location promotion's note is gone.
    expect(lifecycle.text).not.toContain("No countries, regions or area chosen yet");
  });
});
