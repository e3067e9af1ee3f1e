// Who wrote an inbound email (decision 0021): a reply-to token names a conversation, never the
// sender; SPF / DKIM that fail for the From domain never let a mail join a customer by address.
// Through the real Inbound Parse route (multipart fields as SendGrid posts them), a real send
// worker and the SendGrid stand-in, and the conversation page's real loader and action (demo mode).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConnection } from "../../app/channels/credentials.server";
import { resetConfigCache } from "../../app/config.server";
import { replyOptionsFor, sendStaffReply } from "../../app/conversations/staff-reply.server";
import { db } from "../../app/db/client.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { action as inboundAction } from "../../app/routes/webhooks.sendgrid.inbound.$token";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { createConversationWithMessage, createShop, storeOfflineSession } from "../support/factories";
import { waitFor } from "./flows-engine-support";
import { createCustomer, eventKeys, FROM_EMAIL, startSendingEnv, type SendingEnv } from "./sending-helpers";

const DOMAIN = "reply.trust.example.com";
const BASE = "http://127.0.0.1:3999";
const staff = { id: "staff-1", name: "Sam Staff" };
let env: SendingEnv;
let workers: WorkerHandle;
let inboundToken: string;
let seq = 0;

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = {
  loader: (args: RouteArgs) => Promise<Response>;
  action: (args: RouteArgs) => Promise<Response>;
};
const conversationPage = () => import("../../app/routes/app.inbox.$id") as unknown as Promise<RouteModule>;

/** Runs a loader or action; a thrown Response (404…) is returned like an answered one. */
async function call(kind: "loader" | "action", request: Request, id: string): Promise<Response> {
  try {
    return await (await conversationPage())[kind]({ request, params: { id }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

beforeAll(async () => {
  process.env.THREADLINE_DEMO = "1";
  // As `npm run demo` does: the variable alone signs nobody in.
  markDemoRunner();
  env = await startSendingEnv();
  const sg = await saveConnection(env.shopId, "SENDGRID", {
    fromEmail: FROM_EMAIL,
    replyToDomain: DOMAIN,
    eventWebhookPublicKey: eventKeys.publicKey,
  });
  inboundToken = sg.webhookToken;
  await storeOfflineSession();
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});

afterAll(async () => {
  await workers?.close();
  await env?.close();
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
});

interface Mail {
  from: string;
  to?: string;
  /** SendGrid's SPF field; by default a pass for the envelope sender. */
  spf?: string;
  /** SendGrid's dkim field; by default a pass signed by the From domain. */
  dkim?: string;
  envelopeFrom?: string;
  subject?: string;
  text?: string;
}

/** The multipart fields SendGrid's Inbound Parse posts, SPF and dkim included. */
function inboundParse(mail: Mail): Request {
  const address = mail.from.replace(/^.*<|>.*$/g, "");
  const to = mail.to ?? `support@${DOMAIN}`;
  const subject = mail.subject ?? "Re: Your order";
  const form = new FormData();
  form.set(
    "headers",
    [
      "Received: by mx0047p1mdw1.sendgrid.net with SMTP id 6WCVv7KAWn",
      `From: ${mail.from}`,
      `To: ${to}`,
      `Subject: ${subject}`,
      `Message-ID: <trust-${Date.now()}-${seq++}@mail.example>`,
      "MIME-Version: 1.0",
    ].join("\n"),
  );
  form.set("dkim", mail.dkim ?? `{@${address.split("@")[1]} : pass}`);
  form.set("to", to);
  form.set("from", mail.from);
  form.set("text", mail.text ?? "Please send it to my new address.");
  form.set("envelope", JSON.stringify({ to: [to], from: mail.envelopeFrom ?? address }));
  form.set("subject", subject);
  form.set("SPF", mail.spf ?? "pass");
  return new Request(`${BASE}/webhooks/sendgrid/inbound/${inboundToken}`, { method: "POST", body: form });
}

async function postInbound(mail: Mail) {
  const res = await inboundAction({
    request: inboundParse(mail),
    params: { token: inboundToken },
    context: {},
  } as Parameters<typeof inboundAction>[0]);
  expect(res.status).toBe(200);
  return db().message.findFirstOrThrow({
    where: { shopId: env.shopId, direction: "INBOUND", channel: "EMAIL" },
    orderBy: { createdAt: "desc" },
  });
}

/** A customer with an email and phone identity, and an open conversation with its own reply-to token. */
async function customerWithConversation(email: string) {
  const customer = await createCustomer(env.shopId, { email, phone: `+1415555${String(3000 + seq++)}` });
  const conversation = await db().conversation.create({
    data: {
      shopId: env.shopId,
      customerId: customer.id,
      openCustomerId: customer.id,
      status: "OPEN",
      replyToken: newCaseInsensitiveToken(),
    },
  });
  return { customer, conversation };
}

async function emailReply(conversationId: string, body: string) {
  const result = await sendStaffReply({
    shopId: env.shopId,
    conversationId,
    staff,
    channel: "EMAIL",
    subject: "Re: Your order",
    body,
    clientId: randomUUID(),
  });
  expect(result).toMatchObject({ ok: true });
  return waitFor(() => env.fakes.sendgrid.mails.find((m) => m.body.content?.[0]?.value === body), "the SendGrid send");
}

const addSender = (conversationId: string, messageId: string) =>
  call(
    "action",
    new Request(`${BASE}/app/inbox/${conversationId}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "add-sender", messageId }),
    }),
    conversationId,
  );

async function timelineMessage(conversationId: string, messageId: string) {
  const res = await call("loader", new Request(`${BASE}/app/inbox/${conversationId}`), conversationId);
  expect(res.status).toBe(200);
  const data = (await res.json()) as {
    timeline: Array<{ id: string; senderNote?: string | null; addableSender?: string | null }>;
    reply: { options: Array<{ channel: string; toAddress: string | null }> };
  };
  return { item: data.timeline.find((i) => i.id === messageId)!, reply: data.reply };
}

describe("inbound email: a reply-to token names the conversation, not the sender", () => {
  it("GIVEN a stranger with SPF pass writes to a conversation's reply-to address THEN the mail is stored there as from an unverified sender, no identity is created, and the staff reply still goes to the customer's own address", async () => {
    const { customer, conversation } = await customerWithConversation("ada.trust@example.com");
    const identitiesBefore = await db().customerIdentity.count({ where: { shopId: env.shopId } });

    const message = await postInbound({
      from: "Ada Lovelace <mallory@evil.example>",
      to: `${conversation.replyToken}@${DOMAIN}`,
      subject: "Re: Your order — new bank details",
    });

    expect(message).toMatchObject({
      conversationId: conversation.id,
      customerId: customer.id,
      fromAddress: "mallory@evil.example",
      senderCheck: "UNKNOWN_ADDRESS",
    });
    expect(await db().customerIdentity.count({ where: { shopId: env.shopId } })).toBe(identitiesBefore);
    expect(
      await db().customerIdentity.findFirst({ where: { shopId: env.shopId, value: "mallory@evil.example" } }),
    ).toBeNull();
    expect(await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({
      email: "ada.trust@example.com",
      firstName: customer.firstName,
      lastName: customer.lastName,
    });

    const page = await timelineMessage(conversation.id, message.id);
    expect(page.item.senderNote).toBe("Unverified sender: mallory@evil.example");
    expect(page.item.addableSender).toBe("mallory@evil.example");
    expect(page.reply.options.find((o) => o.channel === "EMAIL")?.toAddress).toBe("ada.trust@example.com");

    const mail = await emailReply(conversation.id, "Your order ships Monday.");
    expect(mail.body.personalizations?.[0].to).toEqual([{ email: "ada.trust@example.com" }]);
    // Never threaded under the stranger's mail.
    expect(mail.body.headers?.["In-Reply-To"]).toBeUndefined();
  });

  it("GIVEN a real customer's address with SPF fail and no DKIM THEN the mail is marked FAILED_AUTH, kept apart from that customer, and their later genuine mail still reaches them", async () => {
    const { customer, conversation } = await customerWithConversation("bob.trust@example.com");
    const identitiesBefore = await db().customerIdentity.count({ where: { shopId: env.shopId } });

    const spoofed = await postInbound({ from: "Bob <bob.trust@example.com>", spf: "fail", dkim: "none" });

    expect(spoofed.senderCheck).toBe("FAILED_AUTH");
    expect(spoofed.fromAddress).toBe("bob.trust@example.com");
    expect(spoofed.customerId).not.toBe(customer.id);
    expect(spoofed.conversationId).not.toBe(conversation.id);
    expect(await db().customerIdentity.count({ where: { shopId: env.shopId } })).toBe(identitiesBefore);
    const apart = await db().customer.findUniqueOrThrow({
      where: { id: spoofed.customerId },
      include: { identities: true },
    });
    expect(apart).toMatchObject({ email: null, firstName: null, identities: [] });
    const apartEmail = (await replyOptionsFor(env.shopId, apart.id, { lastInboundChannel: "EMAIL" })).options.find(
      (o) => o.channel === "EMAIL",
    );
    expect(apartEmail).toMatchObject({ toAddress: null, allowed: false });
    expect((await timelineMessage(spoofed.conversationId, spoofed.id)).item.senderNote).toBe(
      "Sender failed SPF and DKIM: bob.trust@example.com",
    );

    const genuine = await postInbound({ from: "Bob <bob.trust@example.com>", text: "It's really me." });
    expect(genuine).toMatchObject({
      customerId: customer.id,
      conversationId: conversation.id,
      senderCheck: "VERIFIED",
    });
  });

  it("GIVEN SPF and DKIM pass only for the attacker's own domain THEN a real customer's From address is still FAILED_AUTH", async () => {
    const { customer } = await customerWithConversation("cleo.trust@example.com");
    const spoofed = await postInbound({
      from: "cleo.trust@example.com",
      envelopeFrom: "bounce@evil.example",
      spf: "pass",
      dkim: "{@evil.example : pass}",
    });
    expect(spoofed.senderCheck).toBe("FAILED_AUTH");
    expect(spoofed.customerId).not.toBe(customer.id);
  });
});

describe("staff add an unverified sender to the customer", () => {
  it("GIVEN an unverified sender's mail WHEN staff add its address THEN it becomes the customer's identity and the next email reply goes there", async () => {
    const { customer, conversation } = await customerWithConversation("dora.trust@example.com");
    const message = await postInbound({
      from: "Dora at work <dora@work.example>",
      to: `${conversation.replyToken}@${DOMAIN}`,
    });
    expect(message.senderCheck).toBe("UNKNOWN_ADDRESS");

    const res = await addSender(conversation.id, message.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, intent: "add-sender" });

    const identity = await db().customerIdentity.findUniqueOrThrow({
      where: { shopId_kind_value: { shopId: env.shopId, kind: "EMAIL", value: "dora@work.example" } },
    });
    expect(identity.customerId).toBe(customer.id);
    expect((await timelineMessage(conversation.id, message.id)).item.addableSender).toBeNull();
    const mail = await emailReply(conversation.id, "Noted, we'll write here from now on.");
    expect(mail.body.personalizations?.[0].to).toEqual([{ email: "dora@work.example" }]);
  });

  it("GIVEN another shop's conversation or message id WHEN staff add its sender THEN 404 and no identity is created", async () => {
    const other = await createShop({ domain: "someone-else.myshopify.com" });
    const theirCustomer = await db().customer.create({ data: { shopId: other.id } });
    const theirs = await createConversationWithMessage(other.id, theirCustomer.id, "hello");
    await db().message.update({
      where: { id: theirs.message.id },
      data: { channel: "EMAIL", fromAddress: "eve@elsewhere.example", senderCheck: "UNKNOWN_ADDRESS" },
    });
    const { conversation } = await customerWithConversation("erin.trust@example.com");

    expect((await addSender(theirs.conversation.id, theirs.message.id)).status).toBe(404);
    expect((await addSender(conversation.id, theirs.message.id)).status).toBe(404);
    expect(await db().customerIdentity.count({ where: { value: "eve@elsewhere.example" } })).toBe(0);
  });

  it("GIVEN a malformed message id THEN 400 with the reason", async () => {
    const { conversation } = await customerWithConversation("finn.trust@example.com");
    const res = await addSender(conversation.id, "");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, intent: "add-sender" });
  });
});
