import { chatApi, type ApiFailure, type FetchLike, type SendBody } from "./api";
import { isOpen } from "./business-hours";
import { createCsatCard } from "./csat-card";
import { el, format } from "./dom";
import { randomId } from "./ids";
import { pageContext } from "./page-context";
import { nextPollDelay } from "./poll-delay";
import { KEYS, browserStore, type KeyValueStore } from "./storage";
import type { ChatMessage, WidgetConfig } from "./types";
import { COUNTER_FROM, MAX_TEXT, buildView } from "./view";
import { loadVisitor, newVisitor } from "./visitor";

/** A conversation counts as active this long after the shopper's last message, even before history loads. */
const ACTIVE_AFTER_SEND_MS = 30 * 60_000;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface WidgetEnv {
  fetch: FetchLike;
  store: KeyValueStore;
  now: () => number;
  document: Document;
  /** The page URL sent as context; the live location by default. */
  url: () => string;
}

export interface WidgetHandle {
  host: HTMLElement;
  root: ShadowRoot;
  visitorId: string;
  destroy(): void;
}

export function mountWidget(config: WidgetConfig, overrides: Partial<WidgetEnv> = {}): WidgetHandle {
  const env: WidgetEnv = {
    fetch: (input, init) => fetch(input, init),
    store: browserStore(),
    now: () => Date.now(),
    document,
    url: () => location.href,
    ...overrides,
  };
  const { store, now } = env;
  const doc = env.document;
  const t = config.texts;
  const api = chatApi(config.proxyBase, env.fetch);
  let visitor = loadVisitor(store);
  const view = buildView(doc, config);
  // The satisfaction survey, between the messages and the composer.
  const csat = createCsatCard(doc, t, (answer) => api.csat(visitor, answer));
  view.form.before(csat.element);

  const messages: ChatMessage[] = [];
  const known = new Set<string>();
  let cursor: string | null = null;
  let loaded = false;
  let open = false;
  let destroyed = false;
  let inFlight = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = { emptyPolls: 0, errors: 0 };
  /**
   * The server refused our visitor secret (a visitor id from before secrets existed, or storage
   * tampered with): this browser starts over as a new visitor rather than give up on chatting.
   */
  function startOverIfRefused(failure: ApiFailure): boolean {
    if (!failure.code?.startsWith("visitor_secret")) return false;
    visitor = newVisitor(store);
    cursor = null;
    loaded = false;
    return true;
  }
  /** The message being sent or awaiting retry: a retry reuses its id so the server stores it once. */
  let pending: { clientMessageId: string; text: string } | null = null;

  const lastSentAt = () => Number(store.get(KEYS.lastSentAt) ?? 0);
  const active = () => messages.length > 0 || now() - lastSentAt() < ACTIVE_AFTER_SEND_MS;
  // Away when either says closed: the shop calendar on the server (holidays included) or the chat
  // hours set in the theme editor, which can only narrow it (a shop open 9–17 may chat 10–16).
  let serverOpen: boolean | null = null;
  const offline = () => serverOpen === false || !isOpen(config.businessHours, new Date(now()));
  const needsEmail = () => config.askEmailWhenOffline && offline();
  const currentPage = () => pageContext(config.page, env.url(), doc.title);

  function bubble(text: string, className: string, who?: string) {
    const item = el(doc, "li", { class: className });
    if (who) item.append(el(doc, "span", { class: "who" }, who));
    item.append(doc.createTextNode(text));
    view.list.append(item);
    view.list.scrollTop = view.list.scrollHeight;
  }

  function addMessages(incoming: ChatMessage[], announce: boolean): number {
    let added = 0;
    for (const message of incoming) {
      if (known.has(message.id)) continue;
      known.add(message.id);
      messages.push(message);
      added++;
      const staff = message.direction === "outbound";
      // The assistant's answers say so: a shopper must know a person has not written them.
      const who = staff ? (message.automatic ? t.automatic : message.authorName || t.staff) : undefined;
      bubble(message.text, staff ? "out" : "in", who);
      if (announce && staff) view.live.textContent = format(t.new_message, { name: who ?? "", text: message.text });
    }
    refreshUnread();
    return added;
  }

  /** Staff and shop messages newer than the last one the shopper saw with the panel open. */
  function refreshUnread() {
    const last = messages[messages.length - 1];
    if (open && last) store.set(KEYS.lastSeenCursor, last.cursor);
    const seen = store.get(KEYS.lastSeenCursor);
    const seenIndex = messages.findIndex((m) => m.cursor === seen);
    const unread = open ? 0 : messages.slice(seenIndex + 1).filter((m) => m.direction === "outbound").length;
    view.badge.hidden = unread === 0;
    view.badge.textContent = unread > 9 ? "9+" : String(unread);
    view.launcher.setAttribute("aria-label", unread ? `${t.open} (${format(t.unread, { count: unread })})` : t.open);
  }

  function schedule() {
    clearTimeout(timer);
    if (destroyed || !active()) return;
    timer = setTimeout(() => void fetchNew(), nextPollDelay({ open, hidden: doc.hidden, ...poll }));
  }

  async function fetchNew() {
    if (inFlight || destroyed) return;
    inFlight = true;
    const result = await api.messages(visitor, loaded ? cursor : null);
    inFlight = false;
    if (destroyed) return;
    if (result.ok) {
      const wasLoaded = loaded;
      loaded = true;
      if (typeof result.data.hours?.open === "boolean") {
        serverOpen = result.data.hours.open;
        refreshOfflineFields();
      }
      poll.errors = 0;
      // The card takes room from the list when it appears: keep the latest message in view.
      if (result.data.csat !== undefined && csat.update(result.data.csat)) view.list.scrollTop = view.list.scrollHeight;
      const incoming = result.data.messages ?? [];
      const added = addMessages(incoming, wasLoaded);
      // Only polls move the cursor: a sent message's own cursor could skip a staff reply
      // written just before it.
      cursor = result.data.cursor ?? incoming[incoming.length - 1]?.cursor ?? cursor;
      poll.emptyPolls = added ? 0 : poll.emptyPolls + 1;
    } else if (!startOverIfRefused(result)) {
      // Quietly slower: a flaky connection should not fill the panel with errors.
      poll.errors++;
    }
    schedule();
  }

  function sendPageContext() {
    const page = currentPage();
    if (page && active()) void api.page(visitor, page);
  }

  function showError(message: string | null, canRetry = false) {
    view.error.textContent = message ?? "";
    view.error.hidden = !message;
    view.retry.hidden = !canRetry;
  }

  function refreshOfflineFields() {
    const away = offline();
    view.away.hidden = !away;
    view.emailLabel.hidden = !(away && config.askEmailWhenOffline);
    if (!view.email.value) view.email.value = store.get(KEYS.email) ?? "";
  }

  function failureText(failure: ApiFailure): string {
    if (failure.status === 429) return failure.code === "busy" ? t.busy : t.rate_limited;
    if (failure.status === 400) return failure.error || t.invalid;
    if (failure.status === 413) return failure.error || t.too_long;
    if (failure.status === 404) return t.unavailable;
    return t.send_failed;
  }

  async function send() {
    const text = view.text.value.trim();
    if (!text || view.send.disabled) return;
    const body: SendBody = { visitorId: visitor.id, visitorSecret: visitor.secret, text, clientMessageId: "" };
    const page = currentPage();
    if (page) body.page = page;
    if (needsEmail()) {
      const email = view.email.value.trim();
      if (!EMAIL_PATTERN.test(email)) {
        view.email.setAttribute("aria-invalid", "true");
        showError(t.email_invalid);
        view.email.focus();
        return;
      }
      view.email.removeAttribute("aria-invalid");
      store.set(KEYS.email, email);
      body.email = email;
      body.replyByEmail = true;
    }
    if (pending?.text !== text) pending = { clientMessageId: randomId(22), text };
    body.clientMessageId = pending.clientMessageId;
    view.send.disabled = true;
    let result = await api.send(body);
    if (!result.ok && startOverIfRefused(result)) {
      body.visitorId = visitor.id;
      body.visitorSecret = visitor.secret;
      result = await api.send(body);
    }
    if (!result.ok && result.status === 400 && result.field?.startsWith("page")) {
      // The page context is a nicety: never let it cost the shopper their message.
      delete body.page;
      result = await api.send(body);
    }
    view.send.disabled = false;
    if (destroyed) return;
    if (!result.ok) {
      showError(failureText(result), result.status !== 400);
      if (result.field === "email") view.email.focus();
      return;
    }
    pending = null;
    showError(null);
    view.text.value = "";
    refreshCounter();
    store.set(KEYS.lastSentAt, String(now()));
    addMessages([result.data.message], false);
    poll.emptyPolls = 0;
    schedule();
  }

  function refreshCounter() {
    const left = MAX_TEXT - view.text.value.length;
    view.counter.hidden = left > COUNTER_FROM;
    view.counter.textContent = format(t.chars_left, { count: left });
  }

  function openPanel() {
    open = true;
    view.panel.hidden = false;
    view.launcher.setAttribute("aria-expanded", "true");
    refreshOfflineFields();
    view.text.focus();
    poll.emptyPolls = 0;
    sendPageContext();
    refreshUnread();
    if (!loaded) void fetchNew();
    else schedule();
  }

  function closePanel() {
    open = false;
    view.panel.hidden = true;
    view.launcher.setAttribute("aria-expanded", "false");
    view.launcher.focus();
    refreshUnread();
    schedule();
  }

  bubble(config.greeting, "greet", t.staff);
  view.launcher.addEventListener("click", () => (open ? closePanel() : openPanel()));
  view.close.addEventListener("click", closePanel);
  view.retry.addEventListener("click", () => void send());
  view.panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      closePanel();
    }
  });
  view.text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  });
  view.text.addEventListener("input", refreshCounter);
  view.form.addEventListener("submit", (event) => {
    event.preventDefault();
    void send();
  });
  const onVisibility = () => {
    if (!doc.hidden) poll.emptyPolls = 0;
    schedule();
  };
  doc.addEventListener("visibilitychange", onVisibility);
  doc.body.append(view.host);

  // Only shoppers who have chatted (or a signed-in customer, who may have history from another
  // device) cost a request on page load; everyone else's first request is when they open the chat.
  if (config.customerLoggedIn || store.get(KEYS.lastSentAt) || store.get(KEYS.lastSeenCursor)) {
    void fetchNew().then(sendPageContext);
  }

  return {
    host: view.host,
    root: view.root,
    get visitorId() {
      return visitor.id;
    },
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      doc.removeEventListener("visibilitychange", onVisibility);
      view.host.remove();
    },
  };
}
