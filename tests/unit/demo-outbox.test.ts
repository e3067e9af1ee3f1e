// /demo/outbox: what the stand-ins captured, newest first, every value escaped (bodies may quote
// customer text), with Twilio's status callbacks under the SMS they belong to.
import { describe, expect, it } from "vitest";
import { outboxEntries, type OutboxSources } from "../../scripts/demo/outbox/outbox-entries";
import { outboxPageHtml } from "../../scripts/demo/outbox/outbox-page";

const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, s));

function sources(): OutboxSources {
  return {
    twilio: {
      messages: [
        {
          sid: "SM1",
          accountSid: "AC1",
          to: "+14155550123",
          from: "+15005550006",
          messagingServiceSid: null,
          body: "<b>Your parcel</b> & more",
          statusCallback: "http://localhost/cb",
          mediaUrls: [],
          contentSid: null,
          contentVariables: null,
          auth: { username: "AC1", password: "t" },
          fields: {},
          status: "delivered",
          errorCode: null,
          dateCreated: at(1),
        },
      ],
      rejected: [
        {
          draft: {
            accountSid: "AC1",
            to: "whatsapp:+15005550004",
            from: "whatsapp:+14155238886",
            messagingServiceSid: null,
            body: "hi",
            statusCallback: null,
            mediaUrls: [],
            contentSid: null,
            contentVariables: null,
            auth: { username: "AC1", password: "t" },
            fields: {},
          },
          failure: { status: 400, code: 21610 },
          receivedAt: at(0),
        },
      ],
      callbacks: [
        { sid: "SM1", url: "u", params: { MessageStatus: "sent" }, signature: "s", sentAt: at(2), responseStatus: 200 },
        { sid: "SM1", url: "u", params: { MessageStatus: "delivered" }, signature: "s", sentAt: at(3) },
      ],
    },
    sendgrid: {
      mails: [
        {
          apiKey: "SG.x",
          messageId: "sg-1",
          receivedAt: at(4),
          body: {
            personalizations: [{ to: [{ email: "ada@example.com" }], subject: "Re: <size>" }],
            from: { email: "hello@shop.example" },
            content: [
              { type: "text/plain", value: "plain words" },
              { type: "text/html", value: "<p>html</p>" },
            ],
          },
        },
      ],
      rejected: [],
    },
    meta: {
      messages: [
        {
          version: "v21.0",
          pageId: "104",
          accessToken: "tok",
          body: { recipient: { id: "ig-1" }, messaging_type: "RESPONSE", message: { text: "<script>x</script>" } },
          messageId: "m_1",
          receivedAt: at(5),
        },
      ],
      rejected: [],
    },
  };
}

describe("the demo outbox", () => {
  it("GIVEN captures from every stand-in WHEN listed THEN newest first, each with provider, channel, to and body, and Twilio's callbacks on its SMS", () => {
    const entries = outboxEntries(sources(), (id) => (id === "m_1" ? "Instagram" : undefined));

    expect(entries.map((e) => [e.provider, e.channel, e.to, e.body])).toEqual([
      ["Meta", "Instagram", "ig-1", "<script>x</script>"],
      ["SendGrid", "Email", "ada@example.com", "plain words"],
      ["Twilio", "SMS", "+14155550123", "<b>Your parcel</b> & more"],
      ["Twilio", "WhatsApp", "whatsapp:+15005550004", "hi"],
    ]);
    expect(entries[1].subject).toBe("Re: <size>");
    expect(entries[2].callbacks.map((c) => [c.status, c.answer])).toEqual([
      ["sent", "HTTP 200"],
      ["delivered", "no answer yet"],
    ]);
    expect(entries[3]).toMatchObject({ accepted: false, outcome: expect.stringMatching(/^refused 21610/) });
  });

  it("GIVEN bodies with markup WHEN the page renders THEN they appear as escaped text, never as HTML", () => {
    const html = outboxPageHtml({
      entries: outboxEntries(sources()),
      standIns: [{ name: "Twilio", url: "http://127.0.0.1:1", receivesTraffic: true, appTarget: "http://127.0.0.1:1" }],
      appUrl: "http://localhost:3000",
    });

    expect(html).not.toContain("<script>x");
    expect(html).not.toContain("<b>Your parcel");
    expect(html).toContain("&#60;script&#62;x&#60;/script&#62;");
    expect(html).toContain("&#60;b&#62;Your parcel&#60;/b&#62; &#38; more");
    expect(html).toContain("Re: &#60;size&#62;");
    expect(html).toContain('<span class="callback-status">delivered</span>');
    expect(html).toContain("Twilio</strong> stand-in at http://localhost:1: 2 requests captured");
  });
});
