// @vitest-environment happy-dom
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withDefaults } from "../../extensions/chat-widget/src/config";
import type { WidgetConfig } from "../../extensions/chat-widget/src/types";
import { mountWidget, type WidgetHandle } from "../../extensions/chat-widget/src/widget";
import { fakeProxy, memoryStore } from "./fake-proxy";

const MESSAGES = "/apps/threadline/chat/messages";
const PAGE = "/apps/threadline/chat/page";
const HISTORY = "/apps/threadline/chat/history";
const PRODUCT_URL = "https://shop.example/products/blue-mug";
// A Wednesday, 12:00 UTC.
const NOON_WEDNESDAY = new Date("2026-11-25T12:00:00Z");

const mounted: WidgetHandle[] = [];

interface MountOptions {
  config?: Partial<WidgetConfig>;
  /** Shared between mounts to model the same browser (store) or the same server (proxy) across page loads. */
  store?: ReturnType<typeof memoryStore>;
  proxy?: ReturnType<typeof fakeProxy>;
}

function mount(options: MountOptions = {}) {
  const proxy = options.proxy ?? fakeProxy();
  const store = options.store ?? memoryStore();
  const config = withDefaults({
    page: { template: "product", product: { id: 42, title: "Blue Mug", price: "$19.99" } },
    ...options.config,
  });
  const handle = mountWidget(config, { fetch: proxy.fetch, store, url: () => PRODUCT_URL });
  mounted.push(handle);
  const $ = <T extends Element>(selector: string) => handle.root.querySelector(selector) as T;
  const ui = {
    launcher: $<HTMLButtonElement>(".launcher"),
    badge: $<HTMLElement>(".badge"),
    panel: $<HTMLElement>("[role=dialog]"),
    text: $<HTMLTextAreaElement>("textarea"),
    email: $<HTMLInputElement>("input[type=email]"),
    error: $<HTMLElement>(".error"),
    retry: $<HTMLButtonElement>(".retry"),
    live: $<HTMLElement>("[aria-live=polite].sr"),
    bubbles: () => [...handle.root.querySelectorAll("li")].map((li) => li.textContent),
  };
  return { handle, proxy, store, config, ui };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

async function type(ui: ReturnType<typeof mount>["ui"], text: string) {
  ui.text.value = text;
  ui.text.dispatchEvent(new Event("input", { bubbles: true }));
}

async function pressEnter(target: HTMLElement, init: KeyboardEventInit = {}) {
  target.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true, ...init }));
  await settle();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(NOON_WEDNESDAY);
});

afterEach(() => {
  for (const handle of mounted.splice(0)) handle.destroy();
  vi.useRealTimers();
});

describe("storefront chat widget", () => {
  it("mounts a closed launcher in its own shadow root with the greeting as the first bubble", () => {
    const { handle, ui, proxy } = mount({ config: { greeting: "Welcome to the shop!" } });

    expect(document.body.contains(handle.host)).toBe(true);
    expect(handle.host.shadowRoot).toBe(handle.root);
    expect(ui.launcher.getAttribute("aria-expanded")).toBe("false");
    expect(ui.launcher.getAttribute("aria-controls")).toBe(ui.panel.id);
    expect(ui.launcher.getAttribute("aria-label")).toBe("Open chat");
    expect(ui.panel.hidden).toBe(true);
    expect(ui.bubbles()).toEqual(["StoreWelcome to the shop!"]);
    expect(ui.text.getAttribute("maxlength")).toBe("2000");
    // A first-time visitor costs the server nothing until they open the chat.
    expect(proxy.requests).toEqual([]);
  });

  it("keeps the same anonymous visitor id and secret across two page loads", () => {
    const store = memoryStore();
    const first = mount({ store }).handle.visitorId;
    const secret = store.data.get("threadline.visitorSecret");
    const second = mount({ store }).handle.visitorId;

    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(second).toBe(first);
    expect(store.data.get("threadline.visitorId")).toBe(first);
    // 32 base64url characters from crypto.getRandomValues: 192 bits.
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(store.data.get("threadline.visitorSecret")).toBe(secret);
  });

  it("replaces a visitor id stored without a secret (from before secrets) with a fresh id and secret", () => {
    const store = memoryStore();
    store.set("threadline.visitorId", "old-visitor-0000000001");

    const { handle } = mount({ store });

    expect(handle.visitorId).not.toBe("old-visitor-0000000001");
    expect(store.data.get("threadline.visitorSecret")).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("never puts the visitor id or secret in a URL: every call is a POST with them in the body", async () => {
    // GIVEN a shopper who writes, gets a reply by the poll, and loads another page
    const store = memoryStore();
    const { ui, proxy, handle } = mount({ store });
    ui.launcher.click();
    await type(ui, "Hello");
    await pressEnter(ui.text);
    proxy.staffReply("Hi!");
    await vi.advanceTimersByTimeAsync(3_000);
    mount({ store, proxy });
    await settle();
    const secret = store.data.get("threadline.visitorSecret")!;

    // THEN no request URL carries either, and each body carries both
    expect(proxy.requests.map((r) => r.path).sort()).toEqual(expect.arrayContaining([MESSAGES, HISTORY, PAGE]));
    for (const request of proxy.requests) {
      expect(request.method).toBe("POST");
      expect(request.url).not.toContain(handle.visitorId);
      expect(request.url).not.toContain(secret);
      expect(request.url).not.toContain("?");
      expect(request.body).toMatchObject({ visitorId: handle.visitorId, visitorSecret: secret });
    }
  });

  it("starts over as a fresh visitor when the server refuses its secret, and still sends the message", async () => {
    // GIVEN a browser whose stored visitor the server refuses (403 visitor_secret_mismatch)
    const store = memoryStore();
    const { ui, proxy, handle } = mount({ store });
    const refused = handle.visitorId;
    proxy.refuseVisitor(refused);
    ui.launcher.click();
    // WHEN the shopper writes
    await type(ui, "Anyone there?");
    await pressEnter(ui.text);
    // THEN the message goes out once more under a new id and secret, and shows without an error
    const [first, second] = proxy.posts(MESSAGES);
    expect(first!.body!.visitorId).toBe(refused);
    expect(second!.body!.visitorId).toBe(handle.visitorId);
    expect(handle.visitorId).not.toBe(refused);
    expect(second!.body!.visitorSecret).toBe(store.data.get("threadline.visitorSecret"));
    expect(second!.body!.visitorSecret).not.toBe(first!.body!.visitorSecret);
    expect(ui.bubbles().at(-1)).toBe("Anyone there?");
    expect(ui.error.hidden).toBe(true);
  });

  it("sends the message with Enter as the exact contract body and shows it", async () => {
    const { handle, ui, proxy } = mount();
    ui.launcher.click();
    await type(ui, "  Is this mug dishwasher safe?  ");
    await pressEnter(ui.text);

    const posts = proxy.posts(MESSAGES);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({
      visitorId: handle.visitorId,
      visitorSecret: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      text: "Is this mug dishwasher safe?",
      clientMessageId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      page: {
        url: PRODUCT_URL,
        type: "product",
        product: { id: "42", title: "Blue Mug", price: "$19.99" },
      },
    });
    expect(ui.bubbles().at(-1)).toBe("Is this mug dishwasher safe?");
    expect(ui.text.value).toBe("");
  });

  it("Shift+Enter adds a line instead of sending", async () => {
    const { ui, proxy } = mount();
    ui.launcher.click();
    await type(ui, "first line");
    await pressEnter(ui.text, { shiftKey: true });

    expect(proxy.posts(MESSAGES)).toEqual([]);
  });

  it("shows a staff reply from the poll within 3 seconds and announces it", async () => {
    const { ui, proxy } = mount();
    ui.launcher.click();
    await type(ui, "Hello?");
    await pressEnter(ui.text);

    proxy.staffReply("Hi! Yes, it is.", "Ana");
    await vi.advanceTimersByTimeAsync(3_000);

    expect(ui.bubbles().at(-1)).toBe("AnaHi! Yes, it is.");
    expect(ui.live.textContent).toBe("New message from Ana: Hi! Yes, it is.");
    const polls = proxy.posts(HISTORY);
    expect(polls.at(-1)!.body!.after).toBeDefined();
  });

  it("labels an automatic answer as such, never with a person's name", async () => {
    const { ui, proxy } = mount();
    ui.launcher.click();
    await type(ui, "How long does shipping take?");
    await pressEnter(ui.text);

    proxy.automaticAnswer("Orders ship within 2 business days.");
    await vi.advanceTimersByTimeAsync(3_000);

    expect(ui.bubbles().at(-1)).toBe("Automatic answerOrders ship within 2 business days.");
    expect(ui.live.textContent).toBe("New message from Automatic answer: Orders ship within 2 business days.");
  });

  it("does not skip a staff reply written just before the shopper's next message", async () => {
    // GIVEN a conversation the widget is up to date with
    const { ui, proxy } = mount();
    ui.launcher.click();
    await type(ui, "First");
    await pressEnter(ui.text);
    await vi.advanceTimersByTimeAsync(1_500);
    // WHEN staff reply and the shopper sends again before the next poll
    proxy.staffReply("Reply to first");
    await type(ui, "Second");
    await pressEnter(ui.text);
    await vi.advanceTimersByTimeAsync(3_000);
    // THEN the reply still shows
    expect(ui.bubbles()).toContain("AnaReply to first");
  });

  it("renders markup in messages as literal text, never as HTML", async () => {
    const { ui, proxy, handle } = mount();
    const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
    ui.launcher.click();
    await type(ui, "hi");
    await pressEnter(ui.text);
    proxy.staffReply(payload, "<b>Eve</b>");
    await vi.advanceTimersByTimeAsync(3_000);

    const last = [...handle.root.querySelectorAll("li")].at(-1)!;
    expect(last.textContent).toBe(`<b>Eve</b>${payload}`);
    expect(handle.root.querySelectorAll("li img, li script, li b")).toHaveLength(0);
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it("has no HTML-parsing call anywhere in the widget source", () => {
    const dir = resolve(import.meta.dirname, "../../extensions/chat-widget/src");
    const offenders = readdirSync(dir).filter((file) =>
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser/.test(readFileSync(join(dir, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("answers a 429 with the locale's friendly text, keeps the draft and retries with the same id", async () => {
    const { ui, proxy } = mount({
      config: { texts: { rate_limited: "Despacio, por favor." } as WidgetConfig["texts"] },
    });
    proxy.failNextSend(429, { error: "You're sending messages faster than we can read them." });
    ui.launcher.click();
    await type(ui, "one more");
    await pressEnter(ui.text);

    expect(ui.error.textContent).toBe("Despacio, por favor.");
    expect(ui.error.hidden).toBe(false);
    expect(ui.text.value).toBe("one more");
    expect(ui.retry.hidden).toBe(false);

    ui.retry.click();
    await settle();

    const [failed, retried] = proxy.posts(MESSAGES);
    expect(retried!.body!.clientMessageId).toBe(failed!.body!.clientMessageId);
    expect(ui.error.hidden).toBe(true);
    expect(ui.bubbles().at(-1)).toBe("one more");
  });

  it("answers a 429 'busy' (too many new chats for the shop) with the locale's own words", async () => {
    const { ui, proxy } = mount({
      config: { texts: { busy: "Beaucoup de monde en ce moment." } as WidgetConfig["texts"] },
    });
    proxy.failNextSend(429, { error: "We're receiving a lot of new chats right now.", code: "busy" });
    ui.launcher.click();
    await type(ui, "Hello?");
    await pressEnter(ui.text);

    expect(ui.error.textContent).toBe("Beaucoup de monde en ce moment.");
    expect(ui.text.value).toBe("Hello?");
    expect(ui.retry.hidden).toBe(false);
  });

  it("shows the server's reason for a 400", async () => {
    const { ui, proxy } = mount();
    proxy.failNextSend(400, { error: "Messages are limited to 2000 characters.", field: "text" });
    ui.launcher.click();
    await type(ui, "x");
    await pressEnter(ui.text);

    expect(ui.error.textContent).toBe("Messages are limited to 2000 characters.");
  });

  it("sends the message without the page context when the server rejects only the page", async () => {
    // GIVEN a server that refuses this page's context
    const { ui, proxy } = mount();
    proxy.failNextSend(400, { error: "url must be an http(s) address", field: "page.url" });
    ui.launcher.click();
    // WHEN the shopper sends
    await type(ui, "Still there?");
    await pressEnter(ui.text);
    // THEN the message goes again without the page, with the same id, and shows
    const [rejected, resent] = proxy.posts(MESSAGES);
    expect(rejected!.body).toHaveProperty("page");
    expect(resent!.body).not.toHaveProperty("page");
    expect(resent!.body!.clientMessageId).toBe(rejected!.body!.clientMessageId);
    expect(ui.bubbles().at(-1)).toBe("Still there?");
    expect(ui.error.hidden).toBe(true);
  });

  it("backs off quietly while the network is down and catches up when it returns", async () => {
    // GIVEN an open, active conversation
    const { ui, proxy } = mount();
    ui.launcher.click();
    await type(ui, "Hello");
    await pressEnter(ui.text);
    // WHEN the network is down for a minute
    proxy.network.down = true;
    const before = proxy.requests.length;
    await vi.advanceTimersByTimeAsync(60_000);
    // THEN it polls far less than every 1.5 s, and shows no error
    const attempts = proxy.requests.length - before;
    expect(attempts).toBeGreaterThan(2);
    expect(attempts).toBeLessThan(8);
    expect(ui.error.hidden).toBe(true);
    // AND once it is back, a staff reply still arrives
    proxy.network.down = false;
    proxy.staffReply("Back online");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ui.bubbles().at(-1)).toBe("AnaBack online");
  });

  describe("outside business hours", () => {
    const closedNow = {
      askEmailWhenOffline: true,
      businessHours: { enabled: true, days: [1, 2, 3, 4, 5], open: "09:00", close: "11:00", utcOffset: "+0000" },
    };

    it("asks for an email before sending and asks for the reply by email", async () => {
      const { ui, proxy, store } = mount({ config: closedNow });
      ui.launcher.click();

      expect(ui.email.closest("label")!.hidden).toBe(false);
      expect(ui.email.required).toBe(true);
      expect(ui.email.type).toBe("email");
      expect(ui.panel.querySelector(".away")!.textContent).toMatch(/we'll reply by email/);

      await type(ui, "Do you ship to Canada?");
      await pressEnter(ui.text);
      expect(proxy.posts(MESSAGES)).toEqual([]);
      expect(ui.error.textContent).toBe("Please enter a valid email address so we can reply.");

      ui.email.value = "shopper@example.com";
      await pressEnter(ui.text);

      expect(proxy.posts(MESSAGES)[0]!.body).toMatchObject({
        text: "Do you ship to Canada?",
        email: "shopper@example.com",
        replyByEmail: true,
      });
      expect(store.data.get("threadline.email")).toBe("shopper@example.com");
    });

    it("does not ask for an email during business hours", async () => {
      const { ui, proxy } = mount({
        config: { ...closedNow, businessHours: { ...closedNow.businessHours, close: "17:00" } },
      });
      ui.launcher.click();
      await type(ui, "Hi");
      await pressEnter(ui.text);

      expect(ui.email.closest("label")!.hidden).toBe(true);
      expect(proxy.posts(MESSAGES)[0]!.body).not.toHaveProperty("replyByEmail");
    });
  });

  describe("the shop calendar from the server", () => {
    const themeSaysOpen = {
      askEmailWhenOffline: true,
      businessHours: { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], open: "00:00", close: "23:59", utcOffset: "+0000" },
    };

    it("GIVEN theme hours that say open WHEN the history answer says closed (a holiday) THEN it asks for an email", async () => {
      const proxy = fakeProxy();
      proxy.calendar.hours = { open: false, nextOpening: "2026-12-28T08:00:00.000Z" };
      const { ui } = mount({ config: themeSaysOpen, proxy });
      ui.launcher.click();
      await settle();

      expect(ui.panel.querySelector<HTMLElement>(".away")!.hidden).toBe(false);
      expect(ui.email.closest("label")!.hidden).toBe(false);
      await type(ui, "Are you open today?");
      await pressEnter(ui.text);
      expect(proxy.posts(MESSAGES)).toEqual([]);
      ui.email.value = "shopper@example.com";
      await pressEnter(ui.text);
      expect(proxy.posts(MESSAGES)[0]!.body).toMatchObject({ email: "shopper@example.com", replyByEmail: true });
    });

    it("GIVEN theme chat hours that say closed WHEN the history answer says the shop is open THEN it still asks for an email (theme hours only narrow)", async () => {
      const proxy = fakeProxy();
      proxy.calendar.hours = { open: true, nextOpening: null };
      const { ui } = mount({
        config: { ...themeSaysOpen, businessHours: { ...themeSaysOpen.businessHours, days: [] } },
        proxy,
      });
      ui.launcher.click();
      await settle();
      await type(ui, "Hi");
      await pressEnter(ui.text);

      expect(ui.email.closest("label")!.hidden).toBe(false);
      expect(proxy.posts(MESSAGES)).toHaveLength(0);
    });

    it("GIVEN theme chat hours switched off WHEN the history answer says open THEN no email is asked", async () => {
      const proxy = fakeProxy();
      proxy.calendar.hours = { open: true, nextOpening: null };
      const { ui } = mount({
        config: { ...themeSaysOpen, businessHours: { ...themeSaysOpen.businessHours, enabled: false } },
        proxy,
      });
      ui.launcher.click();
      await settle();
      await type(ui, "Hi");
      await pressEnter(ui.text);

      expect(ui.email.closest("label")!.hidden).toBe(true);
      expect(proxy.posts(MESSAGES)[0]!.body).not.toHaveProperty("replyByEmail");
    });
  });

  it("counts unseen staff replies on a badge while closed, and clears it on open", async () => {
    // GIVEN a shopper who chatted, then closed the panel
    const store = memoryStore();
    const first = mount({ store });
    first.ui.launcher.click();
    await type(first.ui, "Any news on my order?");
    await pressEnter(first.ui.text);
    first.ui.launcher.click();
    // WHEN two staff replies arrive before the next page load
    first.proxy.staffReply("Let me check.");
    first.proxy.staffReply("It ships today.");
    const second = mount({ store, proxy: first.proxy });
    await settle();

    // THEN the closed launcher shows and announces 2 unread
    expect(second.ui.badge.hidden).toBe(false);
    expect(second.ui.badge.textContent).toBe("2");
    expect(second.ui.launcher.getAttribute("aria-label")).toBe("Open chat (2 unread)");
    // AND opening marks them seen, also after closing again
    second.ui.launcher.click();
    expect(second.ui.badge.hidden).toBe(true);
    second.ui.launcher.click();
    expect(second.ui.badge.hidden).toBe(true);
    expect(second.ui.launcher.getAttribute("aria-label")).toBe("Open chat");
  });

  it("counts a staff reply that arrives by the slow poll while closed", async () => {
    // GIVEN an active conversation with the panel closed
    const { ui, proxy } = mount();
    ui.launcher.click();
    await type(ui, "Hello");
    await pressEnter(ui.text);
    ui.launcher.click();
    // WHEN staff reply and the closed-panel poll comes round
    proxy.staffReply("Hi there");
    await vi.advanceTimersByTimeAsync(30_000);
    // THEN the badge counts it
    expect(ui.badge.textContent).toBe("1");
    expect(ui.badge.hidden).toBe(false);
  });

  describe("page context", () => {
    it("is not sent for a visitor without a conversation", async () => {
      const { ui, proxy } = mount();
      ui.launcher.click();
      await vi.advanceTimersByTimeAsync(5_000);

      expect(proxy.posts(PAGE)).toEqual([]);
    });

    it("is sent once on page load and again on open while a conversation is active", async () => {
      // GIVEN a shopper who has chatted
      const store = memoryStore();
      const first = mount({ store });
      first.ui.launcher.click();
      await type(first.ui, "Hi");
      await pressEnter(first.ui.text);
      const proxy = first.proxy;
      const before = proxy.posts(PAGE).length;

      // WHEN they load a collection page with items in the cart
      const second = mount({
        store,
        proxy,
        config: {
          page: {
            template: "collection",
            collection: { title: "Mugs" },
            cart: { itemCount: 2, total: "<span class=money>$38.00</span>" },
          },
        },
      });
      await settle();
      // THEN the page is sent once on load
      expect(proxy.posts(PAGE).length - before).toBe(1);

      // AND again when they open the chat, with the collection and cart in it
      second.ui.launcher.click();
      await settle();
      const posts = proxy.posts(PAGE).slice(before);
      expect(posts).toHaveLength(2);
      expect(posts[1]!.body).toEqual({
        visitorId: second.handle.visitorId,
        visitorSecret: store.data.get("threadline.visitorSecret"),
        page: {
          url: PRODUCT_URL,
          type: "collection",
          collection: { title: "Mugs" },
          cart: { itemCount: 2, total: "$38.00" },
        },
      });
    });
  });

  describe("keyboard", () => {
    it("opening focuses the message box; Escape closes and returns focus to the launcher", () => {
      const { ui, handle } = mount();
      ui.launcher.click();

      expect(ui.launcher.getAttribute("aria-expanded")).toBe("true");
      expect(handle.root.activeElement).toBe(ui.text);

      ui.text.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));

      expect(ui.panel.hidden).toBe(true);
      expect(ui.launcher.getAttribute("aria-expanded")).toBe("false");
      expect(handle.root.activeElement).toBe(ui.launcher);
    });

    it("shows how many characters are left near the limit", async () => {
      const { ui, handle } = mount();
      ui.launcher.click();
      const counter = handle.root.querySelector<HTMLElement>(".count")!;
      await type(ui, "a".repeat(100));
      expect(counter.hidden).toBe(true);

      await type(ui, "a".repeat(1900));
      expect(counter.hidden).toBe(false);
      expect(counter.textContent).toBe("100 characters left");
    });
  });
});
