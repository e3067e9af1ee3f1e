// @vitest-environment happy-dom
// The block's entry (mountBlock) against a fake admin and a fake fetch: which app route each page's
// resource GID calls, the loading and error states with retry, and the exact POST of a reply.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "preact";
import { mountBlock } from "../../extensions/order-conversation/src/mount";
import { threadPathFor } from "../../extensions/order-conversation/src/resource";
import type { ExtensionThread } from "../../extensions/order-conversation/src/thread";
import { button, byTag, click, field, fill, findText, textOf } from "./support/dom";
import { adaThread, message, UNKNOWN_CUSTOMER_THREAD } from "./support/threads";
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

function mount(gid: string, fetchFn: (input: string, init?: RequestInit) => Promise<Response>) {
  mountBlock({ data: { selected: [{ id: gid }] }, i18n }, fetchFn, root);
}

describe("which route the block calls", () => {
  it.each([
    ["gid://shopify/Order/450789469", "/api/extension/order/450789469"],
    ["gid://shopify/Customer/207119551", "/api/extension/customer/207119551"],
    ["gid://shopify/AbandonedCheckout/123456789012", "/api/extension/checkout/123456789012"],
  ])("%s → GET %s, and shows that customer's thread", async (gid, path) => {
    // GIVEN the app knows the customer behind this page
    const fetchFn = vi.fn(async (_input: string, _init?: RequestInit) => json(adaThread()));

    // WHEN the block starts on that page
    mount(gid, fetchFn);

    // THEN it asks the page's route (relative: the admin adds the app's URL and the session token)
    await vi.waitFor(() => expect(fetchFn).toHaveBeenCalledTimes(1));
    expect(fetchFn.mock.calls[0][0]).toBe(path);
    expect(fetchFn.mock.calls[0][1]?.method ?? "GET").toBe("GET");
    await findText(root, "Ada Lovelace");
    expect(byTag(root, "s-admin-block")[0].getAttribute("heading")).toBe("Threadline conversation");
  });

  it("maps only the resources it serves", () => {
    expect(threadPathFor("gid://shopify/Checkout/42")).toBe("/api/extension/checkout/42");
    expect(threadPathFor("gid://shopify/Product/42")).toBeNull();
    expect(threadPathFor("gid://shopify/Order/not-a-number")).toBeNull();
    expect(threadPathFor(undefined)).toBeNull();
  });

  it("says it does not belong on another page, and calls nothing", () => {
    const fetchFn = vi.fn();
    mount("gid://shopify/Product/42", fetchFn);

    expect(fetchFn).not.toHaveBeenCalled();
    expect(textOf(root)).toBe("This block only works on orders, customers and abandoned checkouts.");
  });
});

describe("loading", () => {
  it("shows a spinner until the thread arrives, then the empty state for an unknown customer", async () => {
    let answer!: (response: Response) => void;
    mount("gid://shopify/Order/1", () => new Promise<Response>((resolve) => (answer = resolve)));

    expect(byTag(root, "s-spinner")).toHaveLength(1);
    expect(textOf(root)).toBe("Loading the conversation…");

    await vi.waitFor(() => expect(answer).toBeTypeOf("function"));
    answer(json(UNKNOWN_CUSTOMER_THREAD));
    await findText(root, "No Threadline customer yet");
    expect(byTag(root, "s-spinner")).toHaveLength(0);
    expect(byTag(root, "s-text-area")).toHaveLength(0);
  });

  it("shows the app's error with a retry that loads again", async () => {
    // GIVEN the app fails once, then answers
    const fetchFn = vi
      .fn<(input: string, init?: RequestInit) => Promise<Response>>()
      .mockResolvedValueOnce(json({ error: "boom" }, 500))
      .mockResolvedValueOnce(json(adaThread()));
    mount("gid://shopify/Order/1", fetchFn);

    // THEN staff see why, in a critical banner
    await findText(root, "Threadline answered with an error (500).");
    const banner = byTag(root, "s-banner")[0];
    expect(banner.getAttribute("heading")).toBe("The conversation could not be loaded");
    expect(banner.getAttribute("tone")).toBe("critical");
    expect(textOf(banner)).toBe("Threadline answered with an error (500). Try again in a moment. Try again");

    // WHEN they retry, THEN the thread loads
    click(button(root, "Try again"));
    await findText(root, "Ada Lovelace");
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it("tells a network failure apart from an error answer", async () => {
    mount("gid://shopify/Order/1", () => Promise.reject(new TypeError("Failed to fetch")));

    await findText(root, "Threadline could not be reached. Check your connection and try again.");
  });
});

describe("replying", () => {
  async function writeAndSend(fetchFn: (input: string, init?: RequestInit) => Promise<Response>, text: string) {
    mount("gid://shopify/Order/450789469", fetchFn);
    await findText(root, "Ada Lovelace");
    fill(field(root, "s-text-area", "Message"), text, "input");
    await vi.waitFor(() => expect(button(root, "Send on SMS").hasAttribute("disabled")).toBe(false));
    click(button(root, "Send on SMS"));
  }

  it("POSTs the reply as JSON to the page's route, shows it at the top, then reads the thread again", async () => {
    // GIVEN an app that stores the reply (201) and lists it from then on
    const thread = adaThread();
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    const fetchFn = async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      if (init?.method !== "POST") return json(thread);
      const sent = JSON.parse(String(init.body)) as { body: string };
      const stored = message({ id: "m5", authorName: "Staff", body: sent.body, deliveryStatus: "QUEUED" });
      thread.messages = [stored, ...thread.messages];
      return json({ ok: true, created: true, conversationId: "conv_ada", message: stored }, 201);
    };

    // WHEN staff write and send
    await writeAndSend(fetchFn, "  It ships today.  ");

    // THEN exactly one POST goes to the same route, with the trimmed text and an idempotency key
    await findText(root, "Sent on SMS.");
    const posts = calls.filter((c) => c.init?.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0].url).toBe("/api/extension/order/450789469");
    expect(new Headers(posts[0].init!.headers).get("Content-Type")).toBe("application/json");
    expect(JSON.parse(String(posts[0].init!.body))).toEqual({
      channel: "SMS",
      body: "It ships today.",
      clientMessageId: expect.stringMatching(/^[A-Za-z0-9-]{8,64}$/),
    });

    // AND the new message heads the latest messages, queued, once; the thread is read again after it
    const shown = () => byTag(root, "s-paragraph").filter((p) => p.textContent === "It ships today.");
    expect(shown()).toHaveLength(1);
    expect(textOf(shown()[0].parentElement!)).toBe("Staff SMS Queued Nov 20, 2026, 10:00 AM It ships today.");
    await vi.waitFor(() => expect(calls.map((c) => c.init?.method ?? "GET")).toEqual(["GET", "POST", "GET"]));
    expect(shown()).toHaveLength(1);
  });

  it("shows the sentence the app gives with a 422", async () => {
    const fetchFn = async (_url: string, init?: RequestInit) =>
      init?.method === "POST"
        ? json({ ok: false, error: "An email needs a subject.", field: "subject" }, 422)
        : json(adaThread() satisfies ExtensionThread);

    await writeAndSend(fetchFn, "Hello");

    await findText(root, "An email needs a subject.");
  });

  it("falls back to a plain message when the reply fails without a reason for staff", async () => {
    const fetchFn = async (_url: string, init?: RequestInit) =>
      init?.method === "POST" ? json({ error: "Unauthorized" }, 401) : json(adaThread());

    await writeAndSend(fetchFn, "Hello");

    await findText(root, "The reply was not sent. Check your connection and try again.");
    expect(textOf(root)).not.toContain("Unauthorized");
  });
});
