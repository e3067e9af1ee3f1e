// Automatic answers never feed a loop and never break a channel's rules, proven through the signed
// webhooks: email auto-replies (Auto-Submitted, out-of-office subjects, bounces), Meta echoes and
// our own outbound coming back, two auto-responders ping-ponging on SMS (stopped at maxInARow, and
// again at most maxInARow after resolve + reopen), STOP on SMS and WhatsApp, and the WhatsApp and
// Meta windows when the job runs late.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAutoAnswer } from "../../app/answers/run-auto-answer.server";
import { setConversationStatus } from "../../app/conversations/state.server";
import { db } from "../../app/db/client.server";
import type { CapturedMetaMessage } from "../fakes";
import {
  automaticCount,
  cited,
  conversationOf,
  decided,
  FROM_EMAIL_ADDRESS,
  IG_ID,
  INTERNATIONAL,
  NOTICE,
  PAGE_ID,
  receivedExactly,
  REPLY_DOMAIN,
  RETURNS,
  settle,
  SHIPPING,
  SMS_NUMBER,
  startChannelsEnv,
  WHATSAPP_NUMBER,
  type ChannelsEnv,
} from "./auto-answers-channels-support";

let env: ChannelsEnv;
beforeAll(async () => {
  env = await startChannelsEnv({ maxInARow: 2 });
});
afterAll(async () => {
  await env?.close();
});

const HOUR = 60 * 60 * 1000;

describe("email auto-replies are never answered", () => {
  it.each([
    ["Auto-Submitted: auto-replied", "Re: A question", ["Auto-Submitted: auto-replied"], null],
    ["Auto-Submitted: auto-generated", "Your ticket", ["Auto-Submitted: auto-generated"], null],
    ["X-Autoreply", "Re: A question", ["X-Autoreply: yes"], null],
    ["Precedence: bulk", "Newsletter", ["Precedence: bulk"], null],
    ["an out-of-office subject", "Out of Office: back on Monday", [], null],
    ["a French automatic-reply subject", "Réponse automatique : absent", [], null],
    ["a bounce from MAILER-DAEMON", "Undelivered Mail Returned to Sender", [], "MAILER-DAEMON@mail.example.net"],
    ["a bounce from postmaster", "Delivery Status Notification (Failure)", [], "postmaster@mail.example.net"],
    ["our own sender address (our mail coming back)", "Re: A question", [], FROM_EMAIL_ADDRESS],
    ["an address at our reply-to domain", "Re: A question", [], `loop-test@${REPLY_DOMAIN}`],
  ])(
    "GIVEN an inbound email with %s that asks an FAQ THEN nothing automatic (auto_reply)",
    async (_label, subject, headers, from) => {
      const email = env.drivers.EMAIL;
      const party = from ? { channel: "EMAIL" as const, address: from } : email.newParty();
      const before = await email.received(party);
      const inboundId = (await email.ask(party, "How long does shipping take?", { subject, headers }))!;
      expect(await decided(inboundId)).toMatchObject({ state: "SKIPPED", outcome: "auto_reply" });
      const conversation = await conversationOf(inboundId);
      expect(conversation.waitingForPersonSince).toBeNull();
      await settle(300);
      expect(await email.received(party)).toHaveLength(before.length);
      expect(await automaticCount(conversation.id)).toBe(0);
    },
  );

  it("GIVEN Auto-Submitted: no (a person's mail client) THEN the FAQ is answered", async () => {
    const email = env.drivers.EMAIL;
    const party = email.newParty();
    const inboundId = (await email.ask(party, "How long does shipping take?", { headers: ["Auto-Submitted: no"] }))!;
    expect(await decided(inboundId)).toMatchObject({ state: "ANSWERED" });
    const [got] = await receivedExactly(email, party, 1);
    expect(got!.text).toBe(cited(SHIPPING));
  });
});

describe.each(["MESSENGER", "INSTAGRAM"] as const)("%s: our own messages are never answered", (channel) => {
  const account = channel === "INSTAGRAM" ? IG_ID : PAGE_ID;

  it("GIVEN an answered FAQ WHEN Meta echoes our answer back (is_echo) THEN it is not stored and not answered", async () => {
    const driver = env.drivers[channel];
    const party = driver.newParty();
    const inboundId = (await driver.ask(party, "How long does shipping take?"))!;
    expect(await decided(inboundId)).toMatchObject({ state: "ANSWERED" });
    await receivedExactly(driver, party, 1);

    // The echo carries our answer's text, sent by the page to the customer.
    expect(await driver.ask(party, cited(SHIPPING), { echo: true })).toBeNull();
    expect(await driver.ask(party, "What is your return policy?", { echo: true })).toBeNull();
    await settle(300);
    expect(await driver.received(party)).toHaveLength(1);
    expect(await db().autoAnswer.count({ where: { conversationId: (await conversationOf(inboundId)).id } })).toBe(1);
  });

  it("GIVEN an event whose sender is our own page or Instagram account (no is_echo) THEN no customer, nothing answered", async () => {
    const driver = env.drivers[channel];
    const ours = { channel, address: account };
    expect(await driver.ask(ours, "How long does shipping take?")).toBeNull();
    await settle(300);
    expect(await db().customerIdentity.count({ where: { shopId: env.shopId, value: account } })).toBe(0);
    expect(env.fakes.meta.messages.filter((m) => m.body.recipient.id === account)).toHaveLength(0);
  });
});

describe("two auto-responders ping-ponging", () => {
  it("GIVEN an auto-responder on SMS that answers each of our answers with an FAQ-shaped text THEN the assistant stops at maxInARow; after resolve + reopen it answers again, at most maxInARow", async () => {
    const sms = env.drivers.SMS;
    const robot = sms.newParty();
    const outcomes: string[] = [];
    // The other robot answers everything we send with an FAQ-shaped message of its own.
    const pings = ["How long does shipping take?", "What is your return policy?", "Do you ship internationally?"];
    let first: string | null = null;
    for (let i = 0; i < 6; i++) {
      const id = (await sms.ask(robot, pings[i % 3]!))!;
      first ??= id;
      outcomes.push((await decided(id)).outcome!);
    }
    expect(outcomes).toEqual(["answered", "answered", "max_in_a_row", "max_in_a_row", "max_in_a_row", "max_in_a_row"]);
    const got = await receivedExactly(sms, robot, 2);
    expect(got.map((g) => g.text)).toEqual([cited(SHIPPING), cited(RETURNS)]);

    // Staff resolve it; the robot writes again: the conversation reopens with a new cycle.
    const conversation = await conversationOf(first!);
    await setConversationStatus(env.shopId, conversation.id, "RESOLVED");
    const again: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = (await sms.ask(robot, pings[(i + 2) % 3]!))!;
      again.push((await decided(id)).outcome!);
      expect((await conversationOf(id)).id).toBe(conversation.id);
    }
    expect(again).toEqual(["answered", "answered", "max_in_a_row", "max_in_a_row"]);
    const all = await receivedExactly(sms, robot, 4);
    expect(all.slice(2).map((g) => g.text)).toEqual([cited(INTERNATIONAL), cited(SHIPPING)]);
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe("OPEN");
  });

  it("GIVEN a robot sending what no article covers THEN one hand-off notice per cycle, however long it goes on", async () => {
    const sms = env.drivers.SMS;
    const robot = sms.newParty();
    let first: string | null = null;
    for (let i = 0; i < 4; i++) {
      const id = (await sms.ask(robot, `Automated message ${i}: your parcel locker code is 81${i}2.`))!;
      first ??= id;
      expect(await decided(id)).toMatchObject({ state: "HANDED_OFF" });
    }
    expect((await receivedExactly(sms, robot, 1))[0]!.text).toBe(NOTICE);

    await setConversationStatus(env.shopId, (await conversationOf(first!)).id, "RESOLVED");
    for (let i = 0; i < 3; i++) await decided((await sms.ask(robot, `Automated message ${i + 10}: code 9${i}.`))!);
    const got = await receivedExactly(sms, robot, 2);
    expect(got.map((g) => g.text)).toEqual([NOTICE, NOTICE]);
  });

  it("GIVEN a message from our own SMS number or WhatsApp sender THEN nothing is stored and nothing is answered", async () => {
    const sms = env.drivers.SMS;
    for (const own of [SMS_NUMBER, `whatsapp:${WHATSAPP_NUMBER}`]) {
      const driver = own.startsWith("whatsapp:") ? env.drivers.WHATSAPP : sms;
      expect(await driver.ask({ channel: driver.channel, address: own }, "How long does shipping take?")).toBeNull();
    }
    await settle(300);
    const toUs = env.fakes.twilio.messages.filter((m) => m.to === SMS_NUMBER || m.to === `whatsapp:${WHATSAPP_NUMBER}`);
    expect(toUs).toHaveLength(0);
  });
});

describe.each(["SMS", "WHATSAPP"] as const)("STOP on %s", (channel) => {
  it("GIVEN a customer who sent STOP WHEN they ask an FAQ THEN only the STOP confirmation was ever sent", async () => {
    const driver = env.drivers[channel];
    const party = driver.newParty();
    const stop = (await driver.ask(party, "STOP"))!;
    expect(stop).toBeTruthy();
    const [confirmation] = await receivedExactly(driver, party, 1);
    expect(confirmation!.text).not.toContain(SHIPPING.answer);
    const question = (await driver.ask(party, "How long does shipping take?"))!;
    expect(await decided(question)).toMatchObject({ state: "SKIPPED", outcome: "channel_unavailable" });
    await receivedExactly(driver, party, 1);
    // The STOP itself was never put to the assistant.
    expect(await db().autoAnswer.count({ where: { inboundMessageId: stop } })).toBe(0);
  });
});

describe("channel windows when the decision comes late", () => {
  /** Stores the question with the answers worker stopped, so the test decides it at a chosen time. */
  async function askHeld(channel: "WHATSAPP" | "MESSENGER" | "INSTAGRAM", text: string) {
    const resume = await env.holdAnswers();
    try {
      const driver = env.drivers[channel];
      const party = driver.newParty();
      const inboundId = (await driver.ask(party, text))!;
      expect(await db().autoAnswer.findUniqueOrThrow({ where: { inboundMessageId: inboundId } })).toMatchObject({
        state: "PENDING",
      });
      return { driver, party, inboundId, resume };
    } catch (err) {
      await resume();
      throw err;
    }
  }

  it("GIVEN a WhatsApp question decided 25 hours later THEN nothing free-form is sent (channel_unavailable)", async () => {
    const held = await askHeld("WHATSAPP", "How long does shipping take?");
    try {
      await runAutoAnswer(held.inboundId, new Date(Date.now() + 25 * HOUR));
    } finally {
      await held.resume();
    }
    expect(await decided(held.inboundId)).toMatchObject({ state: "SKIPPED", outcome: "channel_unavailable" });
    await receivedExactly(held.driver, held.party, 0);
  });

  it.each(["MESSENGER", "INSTAGRAM"] as const)(
    "GIVEN a %s question decided 30 hours later (Meta allows only a person, with the HUMAN_AGENT tag) THEN nothing automatic is sent",
    async (channel) => {
      const held = await askHeld(channel, "How long does shipping take?");
      try {
        await runAutoAnswer(held.inboundId, new Date(Date.now() + 30 * HOUR));
      } finally {
        await held.resume();
      }
      expect(await decided(held.inboundId)).toMatchObject({ state: "SKIPPED", outcome: "channel_unavailable" });
      await receivedExactly(held.driver, held.party, 0);
    },
  );

  it("GIVEN a Messenger question decided 2 hours later (inside 24 hours) THEN it is answered as a plain RESPONSE", async () => {
    const held = await askHeld("MESSENGER", "How long does shipping take?");
    try {
      await runAutoAnswer(held.inboundId, new Date(Date.now() + 2 * HOUR));
    } finally {
      await held.resume();
    }
    expect(await decided(held.inboundId)).toMatchObject({ state: "ANSWERED" });
    const [got] = await receivedExactly(held.driver, held.party, 1);
    const body = (got!.raw as CapturedMetaMessage).body;
    expect(body).toMatchObject({ messaging_type: "RESPONSE", message: { text: cited(SHIPPING) } });
    expect(body.tag).toBeUndefined();
  });
});
