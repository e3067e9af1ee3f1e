// @vitest-environment happy-dom
// The block's pure view (ThreadView) as staff see it: a known customer's thread with delivery
// statuses, the order's flow messages and a reply box; an unknown customer with nothing to reply
// to; and the reply box's behaviour (default channel, saved replies, pending state, errors).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { h, render } from "preact";
import { ThreadView } from "../../extensions/order-conversation/src/components/ThreadView";
import type { ExtensionThread, ReplyInput, ReplyResult } from "../../extensions/order-conversation/src/thread";
import { button, byTag, click, field, fill, findText, textOf, valueOf } from "./support/dom";
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

function show(thread: ExtensionThread, onSend: (input: ReplyInput) => Promise<ReplyResult> = vi.fn()) {
  render(h(ThreadView, { thread, i18n, onSend }), root);
}

/** Text of each message row: the stack holding a paragraph, in order. */
function rows(): string[] {
  return byTag(root, "s-paragraph").map((p) => textOf(p.parentElement!));
}

const sent = (input: ReplyInput): ReplyResult => ({
  ok: true,
  created: true,
  conversationId: "conv_ada",
  message: message({ id: "m5", channel: input.channel as "SMS", body: input.body, deliveryStatus: "QUEUED" }),
});

describe("an order with a known customer", () => {
  it("shows the customer, the conversation and the order's flow messages with their status", () => {
    // GIVEN Ada's thread, as the order route answers it
    // WHEN the block renders it
    show(adaThread());

    // THEN the customer heads the block, with her conversation's state and a way into the inbox
    expect(byTag(root, "s-heading")[0].textContent).toBe("Ada Lovelace");
    expect(root.textContent).toContain("ada@example.com · +447700900123");
    expect(root.textContent).toContain("3 orders");
    expect(byTag(root, "s-badge").map((b) => b.textContent)).toEqual(expect.arrayContaining(["Open", "2 unread"]));
    expect(byTag(root, "s-link")[0].getAttribute("href")).toBe("app:/app/inbox/conv_ada");

    // AND the flow messages sent for this order come first, each with its flow and status
    const headings = byTag(root, "s-heading").map((el) => el.textContent);
    expect(headings).toEqual(["Ada Lovelace", "Sent for this order", "Latest messages", "Activity", "Reply"]);
    expect(rows().slice(0, 2)).toEqual([
      "Shipping updates SMS Delivered Nov 19, 2026, 8:00 AM Your order #1001 is on its way.",
      "Order confirmation Email Opened Nov 18, 2026, 8:00 AM Order #1001 confirmed Thank you for your order.",
    ]);
  });

  it("shows who did what to the conversation, as text", () => {
    // GIVEN Ada's thread with one activity entry WHEN the block renders it
    show(adaThread());
    // THEN the line names the staff member and the time
    expect(root.textContent).toContain("Assigned to Ana Lima by Sam Lee · Nov 20, 2026, 10:42 AM");
  });

  it("lists the latest messages on every channel, with delivery status, errors and internal notes", () => {
    show(adaThread());

    expect(rows().slice(2)).toEqual([
      "Ada Lovelace SMS Received Nov 21, 2026, 9:30 AM Where is my parcel? <b>not bold</b>",
      "Grace WhatsApp Failed Nov 20, 2026, 4:00 PM Your parcel left the warehouse. Outside the 24-hour window (63016).",
      "Grace Email Opened Nov 20, 2026, 12:00 PM About your order #1001 Thanks for your order!",
      "Grace SMS Internal note Nov 20, 2026, 11:00 AM VIP: ship with express.",
    ]);
    // Status badges carry their tone; customer text stays text, never markup.
    const badge = (text: string) => byTag(root, "s-badge").find((b) => b.textContent === text)!;
    expect(badge("Failed").getAttribute("tone")).toBe("critical");
    expect(badge("Received").getAttribute("tone")).toBe("neutral");
    expect(badge("Internal note").getAttribute("tone")).toBe("warning");
    expect(root.querySelector("b")).toBeNull();
  });

  it("offers a reply box on the default channel, unavailable channels disabled with the reason, and saved replies", () => {
    show(adaThread());

    const channel = field(root, "s-select", "Channel");
    expect(valueOf(channel)).toBe("SMS");
    expect(
      byTag(channel, "s-option").map((o) => [o.getAttribute("value"), o.textContent, o.hasAttribute("disabled")]),
    ).toEqual([
      ["SMS", "SMS", false],
      ["WHATSAPP", "WhatsApp — Outside WhatsApp's 24-hour window: use an approved template.", true],
      ["EMAIL", "Email", false],
      ["MESSENGER", "Messenger — This customer has no Messenger account on file.", true],
    ]);
    const saved = field(root, "s-select", "Insert a saved reply");
    expect(byTag(saved, "s-option").map((o) => o.textContent)).toEqual(["Thanks", "Tracking link"]);
    expect(field(root, "s-text-area", "Message")).toBeTruthy();
    // Nothing written yet: nothing to send.
    expect(button(root, "Send on SMS").hasAttribute("disabled")).toBe(true);
  });

  it("shows five messages, then the rest on request", () => {
    const thread = adaThread();
    thread.flowMessages = [];
    thread.messages = Array.from({ length: 8 }, (_, i) => message({ id: `n${i}`, body: `Message ${i}` }));
    show(thread);

    expect(rows()).toHaveLength(5);
    click(button(root, "Show 3 more"));
    return vi.waitFor(() => expect(rows()).toHaveLength(8));
  });

  it("marks an email from an unverified sender as such, as text, never as the customer's", () => {
    // GIVEN an inbound email whose sender the app could not verify, with markup in its note
    const thread = adaThread();
    thread.flowMessages = [];
    thread.messages = [
      message({
        id: "u1",
        direction: "INBOUND",
        author: "CUSTOMER",
        channel: "EMAIL",
        deliveryStatus: "RECEIVED",
        body: "New bank details attached.",
        senderNote: "Unverified sender: <b>mallory@evil.example</b>",
      }),
    ];
    show(thread);

    // THEN the row names no customer, and the note is shown verbatim as text
    const [row] = rows();
    expect(row).toContain("Unverified sender Email");
    expect(row).not.toContain("Ada Lovelace");
    expect(root.textContent).toContain("Unverified sender: <b>mallory@evil.example</b>");
    expect(root.querySelector("b")).toBeNull();
  });
});

describe("an order without a known customer", () => {
  it("says so, and offers nothing to reply to", () => {
    show(UNKNOWN_CUSTOMER_THREAD);

    expect(byTag(root, "s-heading").map((el) => el.textContent)).toEqual(["No Threadline customer yet"]);
    expect(root.textContent).toContain(
      "Threadline doesn't know this customer yet, so there is no conversation and nothing to reply to.",
    );
    expect(byTag(root, "s-text-area")).toHaveLength(0);
    expect(byTag(root, "s-select")).toHaveLength(0);
    expect(byTag(root, "s-button")).toHaveLength(0);
  });
});

describe("replying", () => {
  it("inserts a saved reply, sends it on the chosen channel, shows it pending, then confirms", async () => {
    // GIVEN a send that the test completes by hand
    let finish!: (result: ReplyResult) => void;
    const onSend = vi.fn((_input: ReplyInput) => new Promise<ReplyResult>((resolve) => (finish = resolve)));
    show(adaThread(), onSend);

    // WHEN staff insert a saved reply, add a line and send
    fill(field(root, "s-select", "Insert a saved reply"), "sr_thanks", "change");
    await vi.waitFor(() => expect(valueOf(field(root, "s-text-area", "Message"))).toBe("Thanks, Ada! We're on it."));
    // The picker is empty again, ready for another insert.
    expect(valueOf(field(root, "s-select", "Insert a saved reply"))).toBe("");
    fill(field(root, "s-text-area", "Message"), "Thanks, Ada! We're on it.\n\nIt ships today.", "input");
    await vi.waitFor(() => expect(button(root, "Send on SMS").hasAttribute("disabled")).toBe(false));
    click(button(root, "Send on SMS"));

    // THEN exactly this reply goes out, and the button shows it is busy
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend.mock.calls[0][0]).toEqual({
      channel: "SMS",
      body: "Thanks, Ada! We're on it.\n\nIt ships today.",
      clientMessageId: expect.stringMatching(/^[A-Za-z0-9-]{8,64}$/),
    });
    await vi.waitFor(() => expect(button(root, "Send on SMS").getAttribute("loading")).toBe("true"));

    // AND once the app accepts it, the box empties and says where it went
    finish(sent(onSend.mock.calls[0][0]));
    await findText(root, "Sent on SMS.");
    expect(valueOf(field(root, "s-text-area", "Message"))).toBe("");
    expect(button(root, "Send on SMS").hasAttribute("loading")).toBe(false);
  });

  it("asks for a subject on email and sends it", async () => {
    const onSend = vi.fn(async (input: ReplyInput) => sent(input));
    show(adaThread(), onSend);

    fill(field(root, "s-select", "Channel"), "EMAIL", "change");
    await vi.waitFor(() => field(root, "s-text-field", "Subject"));
    fill(field(root, "s-text-area", "Message"), "Your refund is on its way.", "input");
    await vi.waitFor(() => button(root, "Send on Email"));
    // A body without a subject cannot go out by email.
    expect(button(root, "Send on Email").hasAttribute("disabled")).toBe(true);

    fill(field(root, "s-text-field", "Subject"), "Your refund", "input");
    await vi.waitFor(() => expect(button(root, "Send on Email").hasAttribute("disabled")).toBe(false));
    click(button(root, "Send on Email"));

    expect(onSend.mock.calls[0][0]).toEqual({
      channel: "EMAIL",
      subject: "Your refund",
      body: "Your refund is on its way.",
      clientMessageId: expect.any(String),
    });
    await findText(root, "Sent on Email.");
  });

  it("shows the app's reason when a reply is refused, and a retry of the same reply keeps its id", async () => {
    const onSend = vi.fn(async (_input: ReplyInput): Promise<ReplyResult> => ({
      ok: false,
      error: "This customer replied STOP on SMS.",
      field: "channel",
    }));
    show(adaThread(), onSend);

    fill(field(root, "s-text-area", "Message"), "Hello again", "input");
    await vi.waitFor(() => expect(button(root, "Send on SMS").hasAttribute("disabled")).toBe(false));
    click(button(root, "Send on SMS"));
    await findText(root, "This customer replied STOP on SMS.");
    expect(
      byTag(root, "s-banner")
        .find((b) => b.textContent === "This customer replied STOP on SMS.")!
        .getAttribute("tone"),
    ).toBe("critical");
    // The text stays for staff to retry or change.
    expect(valueOf(field(root, "s-text-area", "Message"))).toBe("Hello again");

    await vi.waitFor(() => expect(button(root, "Send on SMS").hasAttribute("loading")).toBe(false));
    click(button(root, "Send on SMS"));
    await vi.waitFor(() => expect(onSend).toHaveBeenCalledTimes(2));
    expect(onSend.mock.calls[1][0].clientMessageId).toBe(onSend.mock.calls[0][0].clientMessageId);

    // An edited reply is a new message: a new id.
    fill(field(root, "s-text-area", "Message"), "Hello again, Ada", "input");
    await vi.waitFor(() => expect(button(root, "Send on SMS").hasAttribute("disabled")).toBe(false));
    click(button(root, "Send on SMS"));
    await vi.waitFor(() => expect(onSend).toHaveBeenCalledTimes(3));
    expect(onSend.mock.calls[2][0].clientMessageId).not.toBe(onSend.mock.calls[0][0].clientMessageId);
  });

  it("says so when no channel can reach the customer, and cannot send", () => {
    const thread = adaThread();
    thread.reply = {
      defaultChannel: null,
      options: thread.reply!.options.map((o) => ({
        ...o,
        allowed: false,
        explanation: o.explanation ?? "Not connected.",
      })),
    };
    show(thread);

    expect(byTag(root, "s-banner").map((b) => [b.getAttribute("tone"), b.textContent])).toEqual([
      ["warning", "No channel can reach this customer right now. The channel menu says why for each one."],
    ]);
    expect(button(root, "Send").hasAttribute("disabled")).toBe(true);
  });
});
