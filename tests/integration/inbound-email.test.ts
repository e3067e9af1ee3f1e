// SendGrid Inbound Parse → our route, with the multipart fields Inbound Parse really posts.
import { beforeAll, describe, expect, it } from "vitest";
import { saveConnection } from "../../app/channels/credentials.server";
import { db } from "../../app/db/client.server";
import { claimOutboundMessage } from "../../app/messages/claim-outbound.server";
import { outboundEmailMessageId, outboundEmailThreading } from "../../app/messages/email-threading.server";
import { action } from "../../app/routes/webhooks.sendgrid.inbound.$token";
import { createShop } from "../support/factories";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";

const DOMAIN = "reply.shop.example.com";
let shopId: string;
let token: string;
let n = 0;

beforeAll(async () => {
  const shop = await createShop();
  shopId = shop.id;
  const conn = await saveConnection(shopId, "SENDGRID", {
    apiKey: "SG.key",
    fromEmail: "hello@shop.example.com",
    replyToDomain: DOMAIN,
  });
  token = conn.webhookToken;
});

interface Mail {
  from?: string;
  to?: string;
  subject?: string;
  text?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  envelopeTo?: string[];
}

/** The fields SendGrid's Inbound Parse posts (non-raw mode), as multipart/form-data. */
function inboundParse(mail: Mail, urlToken = token): Request {
  const from = mail.from ?? "Ada Lovelace <Ada@Example.com>";
  const to = mail.to ?? `support@${DOMAIN}`;
  const subject = mail.subject ?? "Re: Your order #1001";
  const messageId = mail.messageId === undefined ? `<CAF${Date.now()}${n++}@mail.gmail.com>` : mail.messageId;
  const headers = [
    "Received: by mx0047p1mdw1.sendgrid.net with SMTP id 6WCVv7KAWn Wed, 27 Jul 2016 20:53:06 +0000 (UTC)",
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    "Date: Thu, 26 Nov 2026 10:00:00 +0000",
    ...(messageId ? [`Message-ID: ${messageId}`] : []),
    ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`] : []),
    ...(mail.references ? [`References: ${mail.references}`] : []),
    "MIME-Version: 1.0",
    'Content-Type: multipart/alternative; boundary="000000000000a1b2c3"',
  ].join("\n");
  const form = new FormData();
  form.set("headers", headers);
  form.set("dkim", "{@example.com : pass}");
  form.set("content-ids", "{}");
  form.set("to", to);
  form.set("from", from);
  form.set("text", mail.text ?? "Thanks, that works!\n");
  form.set("html", `<div>${(mail.text ?? "Thanks, that works!").replace(/\n/g, "<br>")}</div>`);
  form.set("sender_ip", "209.85.218.41");
  form.set("spam_report", "Spam detection software...");
  form.set(
    "envelope",
    JSON.stringify({ to: mail.envelopeTo ?? [to.replace(/^.*<|>.*$/g, "")], from: "ada@example.com" }),
  );
  form.set("attachments", "0");
  form.set("subject", subject);
  form.set("spam_score", "0.1");
  form.set("charsets", JSON.stringify({ to: "UTF-8", from: "UTF-8", subject: "UTF-8", text: "UTF-8" }));
  form.set("SPF", "pass");
  return new Request(`http://127.0.0.1:3999/webhooks/sendgrid/inbound/${urlToken}`, { method: "POST", body: form });
}

const post = (req: Request, urlToken = token) =>
  action({ request: req, params: { token: urlToken }, context: {} } as Parameters<typeof action>[0]);

async function messagesFrom(email: string) {
  return db().message.findMany({ where: { shopId, fromAddress: email }, orderBy: { createdAt: "asc" } });
}

describe("SendGrid Inbound Parse", () => {
  it("GIVEN an unknown token THEN 404 and nothing is stored", async () => {
    const res = await post(inboundParse({ from: "x@example.com" }, "nope"), "nope");
    expect(res.status).toBe(404);
    expect(await db().message.count({ where: { shopId } })).toBe(0);
  });

  it("GIVEN an envelope addressed to another domain THEN 403 and nothing is stored", async () => {
    const res = await post(
      inboundParse({ to: "someone@elsewhere.example", envelopeTo: ["someone@elsewhere.example"] }),
    );
    expect(res.status).toBe(403);
    expect(await db().message.count({ where: { shopId } })).toBe(0);
  });

  it("GIVEN a new sender THEN a customer is created by email, and a retry stores it once", async () => {
    const req = () =>
      inboundParse({ from: "New Person <New.Person@Example.com>", messageId: "<fixed-1@mail.example>" });
    expect((await post(req())).status).toBe(200);
    expect((await post(req())).status).toBe(200);
    const stored = await messagesFrom("new.person@example.com");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ channel: "EMAIL", direction: "INBOUND", deliveryStatus: "RECEIVED" });
    const identity = await db().customerIdentity.findUniqueOrThrow({
      where: { shopId_kind_value: { shopId, kind: "EMAIL", value: "new.person@example.com" } },
    });
    expect(identity.customerId).toBe(stored[0].customerId);
    const customer = await db().customer.findUniqueOrThrow({ where: { id: identity.customerId } });
    expect(customer).toMatchObject({ firstName: "New", lastName: "Person" });
  });

  it("GIVEN no Message-ID THEN a replay is still stored once (hash of the content)", async () => {
    const req = () => inboundParse({ from: "nomid@example.com", messageId: null, text: "no id here" });
    await post(req());
    await post(req());
    expect(await messagesFrom("nomid@example.com")).toHaveLength(1);
  });

  it("GIVEN a reply to the conversation's reply-to address from another address THEN it threads into that conversation, quoted history folded", async () => {
    const customer = await db().customer.create({ data: { shopId, email: "owner@example.com" } });
    const conversation = await db().conversation.create({
      data: {
        replyToken: newCaseInsensitiveToken(),
        shopId,
        customerId: customer.id,
        status: "RESOLVED",
        resolvedAt: new Date(),
      },
    });
    const text =
      "Yes please, ship it to my office.\n\nOn Wed, Nov 25, 2026 at 9:00 AM Shop <hello@shop.example.com> wrote:\n> Shall we ship it?\n> Thanks\n";
    const res = await post(
      inboundParse({ from: "Work <work.address@example.org>", to: `${conversation.replyToken}@${DOMAIN}`, text }),
    );
    expect(res.status).toBe(200);
    const [message] = await messagesFrom("work.address@example.org");
    expect(message.conversationId).toBe(conversation.id);
    expect(message.customerId).toBe(customer.id);
    expect(message.body).toBe("Yes please, ship it to my office.");
    expect(message.fullBody).toContain("> Shall we ship it?");
    const reopened = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(reopened).toMatchObject({ status: "OPEN", openCustomerId: customer.id, lastInboundChannel: "EMAIL" });
  });

  it("GIVEN a reply whose In-Reply-To names an email we sent THEN it threads into that message's conversation", async () => {
    const customer = await db().customer.create({ data: { shopId, email: "buyer@example.com" } });
    const key = `test:thread:${Date.now()}`;
    const { messageId } = await claimOutboundMessage({
      shopId,
      customerId: customer.id,
      channel: "EMAIL",
      toAddress: "buyer@example.com",
      subject: "Your order",
      body: "Your order is on its way",
      author: "STAFF",
      idempotencyKey: key,
      metadata: outboundEmailThreading({ idempotencyKey: key, fromEmail: "hello@shop.example.com" }),
    });
    const ours = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    const mid = outboundEmailMessageId(key, "shop.example.com");
    expect(ours.metadata).toMatchObject({ headers: { "Message-ID": mid } });
    await post(
      inboundParse({
        from: "Other Mailbox <someone.else@example.net>",
        to: `support@${DOMAIN}`,
        inReplyTo: mid,
        references: `<older@mail.example> ${mid}`,
        text: "When does it arrive?\n\n> Your order is on its way\n",
      }),
    );
    const [reply] = await messagesFrom("someone.else@example.net");
    expect(reply.conversationId).toBe(ours.conversationId);
    expect(reply.customerId).toBe(customer.id);
    expect(reply.body).toBe("When does it arrive?");
  });

  it("GIVEN a known sender without threading headers THEN the reply joins that customer's open conversation", async () => {
    await post(inboundParse({ from: "repeat@example.com", text: "first" }));
    await post(inboundParse({ from: "repeat@example.com", text: "second" }));
    const stored = await messagesFrom("repeat@example.com");
    expect(stored).toHaveLength(2);
    expect(stored[0].conversationId).toBe(stored[1].conversationId);
    const conv = await db().conversation.findUniqueOrThrow({ where: { id: stored[0].conversationId } });
    expect(conv.unreadCount).toBe(2);
  });

  it("GIVEN a script payload THEN it is stored verbatim as plain text", async () => {
    await post(inboundParse({ from: "xss@example.com", text: "<script>alert(1)</script>" }));
    const [m] = await messagesFrom("xss@example.com");
    expect(m.body).toBe("<script>alert(1)</script>");
  });
});
