// @vitest-environment happy-dom
// Suggested replies in the admin block (mountBlock against a fake admin and a fake fetch): the
// drafts render as text with their kind and article; Insert fills the reply box and sends nothing;
// the reply POST carries the inserted suggestion's id; Dismiss calls the dismiss route and hides it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "preact";
import { mountBlock } from "../../extensions/order-conversation/src/mount";
import type { ExtensionThread, Suggestion } from "../../extensions/order-conversation/src/thread";
import { button, byTag, click, field, fill, findText, textOf, valueOf } from "./support/dom";
import { adaThread, message } from "./support/threads";
import { englishI18n } from "./support/translate";

const i18n = englishI18n();
let root: HTMLElement;

beforeEach(() => {
  root = document.createElement("div");
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const SUGGESTIONS: Suggestion[] = [
  {
    id: "sug_ship",
    position: 0,
    kind: "order_status",
    articleId: null,
    title: null,
    text: "Hi Ada!\n\nYour order #1001 is on its way.\nCarrier: UPS",
  },
  {
    id: "sug_returns",
    position: 1,
    kind: "article",
    articleId: "art_returns",
    title: "What is your return policy?",
    text: "You can return <b>unworn</b> items within 30 days.",
  },
];

function threadWithSuggestions(): ExtensionThread {
  return { ...adaThread(), suggestions: SUGGESTIONS };
}

function start() {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetchFn = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    if (url.includes("/dismiss")) return json({ ok: true });
    if (init?.method !== "POST") return json(threadWithSuggestions());
    const sent = JSON.parse(String(init.body)) as { body: string };
    const stored = message({ id: "m5", body: sent.body, deliveryStatus: "QUEUED" });
    return json({ ok: true, created: true, conversationId: "conv_ada", message: stored }, 201);
  });
  mountBlock({ data: { selected: [{ id: "gid://shopify/Order/450789469" }] }, i18n }, fetchFn, root);
  return { calls, fetchFn };
}

const box = () => field(root, "s-text-area", "Message");

describe("suggested replies in the block", () => {
  it("shows each draft as text with its kind and article, and Insert fills the reply box without sending", async () => {
    const { calls } = start();
    await findText(root, "Suggested replies");

    // Drafts keep their line breaks as text; compare word by word.
    const text = textOf(root).replace(/\s+/g, " ");
    expect(text).toContain("Order status Hi Ada! Your order #1001 is on its way. Carrier: UPS Insert Dismiss");
    expect(text).toContain(
      "From your FAQ What is your return policy? You can return <b>unworn</b> items within 30 days. Insert Dismiss",
    );
    expect(root.querySelector("b")).toBeNull();
    const inserts = byTag(root, "s-button").filter((b) => b.textContent === "Insert");
    expect(inserts.map((b) => b.getAttribute("accessibilityLabel") ?? b.getAttribute("accessibilitylabel"))).toEqual([
      "Insert suggested reply 1 into the message",
      "Insert suggested reply 2 into the message",
    ]);

    click(inserts[0]);

    await vi.waitFor(() => expect(valueOf(box())).toBe(SUGGESTIONS[0].text));
    expect(calls.map((c) => c.init?.method ?? "GET")).toEqual(["GET"]);
  });

  it("POSTs the reply with the inserted suggestion's id, edited text and all", async () => {
    const { calls } = start();
    await findText(root, "Suggested replies");
    click(byTag(root, "s-button").filter((b) => b.textContent === "Insert")[0]);
    await vi.waitFor(() => expect(valueOf(box())).toBe(SUGGESTIONS[0].text));
    const edited = `${SUGGESTIONS[0].text}\nThanks for waiting!`;
    fill(box(), edited, "input");
    await vi.waitFor(() => expect(button(root, "Send on SMS").hasAttribute("disabled")).toBe(false));

    click(button(root, "Send on SMS"));

    await findText(root, "Sent on SMS.");
    const posts = calls.filter((c) => c.init?.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0].url).toBe("/api/extension/order/450789469");
    const body = JSON.parse(String(posts[0].init!.body)) as Record<string, unknown>;
    expect(body).toEqual({
      channel: "SMS",
      body: edited,
      clientMessageId: expect.stringMatching(/^[A-Za-z0-9-]{8,64}$/),
      suggestionId: "sug_ship",
    });
  });

  it("sends no suggestion id for a reply written from scratch", async () => {
    const { calls } = start();
    await findText(root, "Suggested replies");
    fill(box(), "Written by hand.", "input");
    await vi.waitFor(() => expect(button(root, "Send on SMS").hasAttribute("disabled")).toBe(false));
    click(button(root, "Send on SMS"));
    await findText(root, "Sent on SMS.");
    const post = calls.find((c) => c.init?.method === "POST")!;
    expect(JSON.parse(String(post.init!.body))).not.toHaveProperty("suggestionId");
  });

  it("Dismiss POSTs to the dismiss route and removes the draft", async () => {
    const { calls } = start();
    await findText(root, "What is your return policy?");

    click(byTag(root, "s-button").filter((b) => b.textContent === "Dismiss")[1]);

    await vi.waitFor(() => expect(textOf(root)).not.toContain("What is your return policy?"));
    const dismiss = calls.find((c) => c.url.includes("/dismiss"))!;
    expect(dismiss.url).toBe("/api/extension/suggestions/sug_returns/dismiss");
    expect(dismiss.init?.method).toBe("POST");
    expect(textOf(root)).toContain("Your order #1001 is on its way.");
  });
});
