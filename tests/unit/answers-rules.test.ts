// When the assistant stays silent (app/answers/rules.ts) and which inbound emails are themselves
// automatic (app/answers/auto-reply.ts).
import { describe, expect, it } from "vitest";
import { autoReplyReason } from "../../app/answers/auto-reply";
import { parseHeaderBlock } from "../../app/channels/sendgrid/inbound-email";
import { noMessageReason, silentReason, type MessageFacts, type RuleFacts } from "../../app/answers/rules";
import { DEFAULT_AUTO_ANSWER_SETTINGS, parseAutoAnswerSettings } from "../../app/answers/settings";

const quiet: RuleFacts = {
  mode: "always",
  shopOpen: true,
  autoReply: false,
  keyword: false,
  resolvedSince: false,
  staffRepliedInCycle: false,
  assigned: false,
};
const sendable: MessageFacts = {
  waitingForPerson: false,
  automaticInARow: 0,
  maxInARow: 2,
  channelAllowed: true,
  senderUnverified: false,
  empty: false,
};

describe("automatic answer rules", () => {
  it("GIVEN each silencing fact THEN its reason; none THEN the assistant may act", () => {
    expect(silentReason(quiet)).toBeNull();
    expect(silentReason({ ...quiet, mode: "off" })).toBe("setting_off");
    expect(silentReason({ ...quiet, mode: "outside_business_hours" })).toBe("business_hours");
    expect(silentReason({ ...quiet, mode: "outside_business_hours", shopOpen: false })).toBeNull();
    expect(silentReason({ ...quiet, autoReply: true })).toBe("auto_reply");
    expect(silentReason({ ...quiet, keyword: true })).toBe("keyword");
    expect(silentReason({ ...quiet, resolvedSince: true })).toBe("resolved_since");
    expect(silentReason({ ...quiet, staffRepliedInCycle: true })).toBe("staff_replied");
    expect(silentReason({ ...quiet, assigned: true })).toBe("assigned");
  });

  it("GIVEN each fact that stops a message THEN its reason", () => {
    expect(noMessageReason(sendable)).toBeNull();
    expect(noMessageReason({ ...sendable, automaticInARow: 2 })).toBe("max_in_a_row");
    expect(noMessageReason({ ...sendable, waitingForPerson: true })).toBe("waiting_for_person");
    expect(noMessageReason({ ...sendable, channelAllowed: false })).toBe("channel_unavailable");
    expect(noMessageReason({ ...sendable, senderUnverified: true })).toBe("unverified_sender");
    expect(noMessageReason({ ...sendable, empty: true })).toBe("empty_message");
  });

  it("GIVEN no settings or junk THEN every channel is off and maxInARow is 2", () => {
    expect(parseAutoAnswerSettings({})).toEqual(DEFAULT_AUTO_ANSWER_SETTINGS);
    expect(DEFAULT_AUTO_ANSWER_SETTINGS.maxInARow).toBe(2);
    expect(Object.values(DEFAULT_AUTO_ANSWER_SETTINGS.channels).every((m) => m === "off")).toBe(true);
    expect(
      parseAutoAnswerSettings({ autoAnswers: { channels: { SMS: "sometimes", CHAT: "always" } } }).channels,
    ).toMatchObject({ SMS: "off", CHAT: "always", EMAIL: "off" });
  });
});

describe("auto-reply detection", () => {
  const check = (headers: string[], subject = "Question", from = "ada@example.com") =>
    autoReplyReason({ headers: parseHeaderBlock(headers.join("\n")), subject, from });

  it("GIVEN RFC 3834 and de-facto headers THEN automatic; Auto-Submitted: no THEN not", () => {
    expect(check(["Auto-Submitted: auto-replied"])).toBe("auto_submitted");
    expect(check(["Auto-Submitted: auto-generated; owner-email=x@y"])).toBe("auto_submitted");
    expect(check(["Auto-Submitted: no"])).toBeNull();
    expect(check(["X-Autoreply: yes"])).toBe("x_autoreply");
    expect(check(["Precedence: bulk"])).toBe("precedence");
    expect(check(["Precedence: auto_reply"])).toBe("precedence");
    expect(check(["Precedence: first-class"])).toBeNull();
  });

  it("GIVEN out-of-office subjects in three languages and bounces THEN automatic; a normal question THEN not", () => {
    expect(check([], "Out of Office: back on Monday")).toBe("out_of_office_subject");
    expect(check([], "Automatic reply: Your order")).toBe("out_of_office_subject");
    expect(check([], "Réponse automatique : absent")).toBe("out_of_office_subject");
    expect(check([], "Respuesta automática: vacaciones")).toBe("out_of_office_subject");
    expect(check([], "Undelivered Mail Returned to Sender", "MAILER-DAEMON@mx.example.com")).toBe("bounce");
    expect(check([], "Delivery Status Notification", "postmaster@example.com")).toBe("bounce");
    expect(check([], "Where is my order of office chairs?")).toBeNull();
  });
});
