import { describe, expect, it } from "vitest";
import { checkSend, comparableAddress, ownAddressesOf, type GuardedMessage } from "../../app/channels/send-guard";

const sms: GuardedMessage = {
  direction: "OUTBOUND",
  deliveryStatus: "PENDING",
  channel: "SMS",
  toAddress: "+14155550123",
};
const twilioOwn = ownAddressesOf({
  provider: "TWILIO",
  accountSid: `AC${"1".repeat(32)}`,
  authToken: "t",
  fromNumber: "+12025550143",
  whatsappFrom: "+16505551234",
});

describe("checkSend", () => {
  it("allows a pending outbound message to a customer", () => {
    expect(checkSend(sms, twilioOwn)).toEqual({ ok: true });
    expect(checkSend({ ...sms, channel: "WHATSAPP", toAddress: "whatsapp:+14155550123" }, twilioOwn)).toEqual({
      ok: true,
    });
  });

  it("refuses inbound messages", () => {
    expect(checkSend({ ...sms, direction: "INBOUND", deliveryStatus: "RECEIVED" }, twilioOwn)).toMatchObject({
      ok: false,
      reason: "INBOUND_MESSAGE",
    });
  });

  it("refuses internal notes", () => {
    expect(checkSend({ ...sms, internal: true }, twilioOwn)).toMatchObject({ ok: false, reason: "INTERNAL_NOTE" });
  });

  it("never resends anything that left PENDING", () => {
    for (const status of ["QUEUED", "SENT", "DELIVERED", "FAILED", "UNDELIVERED", "READ", "NEEDS_REVIEW"] as const) {
      const result = checkSend({ ...sms, deliveryStatus: status }, twilioOwn);
      expect(result, status).toMatchObject({ ok: false, reason: "ALREADY_PROCESSED" });
      if (!result.ok) expect(result.message).toContain(status);
    }
  });

  it("refuses an echo loop to our own sender, whatever the formatting", () => {
    expect(checkSend({ ...sms, toAddress: "+1 (202) 555-0143" }, twilioOwn)).toMatchObject({
      ok: false,
      reason: "ECHO_LOOP",
    });
    expect(checkSend({ ...sms, channel: "WHATSAPP", toAddress: "whatsapp:+16505551234" }, twilioOwn)).toMatchObject({
      ok: false,
      reason: "ECHO_LOOP",
    });
    const email = ownAddressesOf({
      provider: "SENDGRID",
      apiKey: "k",
      fromEmail: "shop@example.com",
      replyToDomain: "reply.example.com",
    });
    const mail: GuardedMessage = { ...sms, channel: "EMAIL", toAddress: "ada@example.net" };
    expect(checkSend(mail, email)).toEqual({ ok: true });
    expect(checkSend({ ...mail, toAddress: "Shop@Example.com" }, email)).toMatchObject({ reason: "ECHO_LOOP" });
    expect(checkSend({ ...mail, toAddress: "c123@reply.example.com" }, email)).toMatchObject({ reason: "ECHO_LOOP" });
    const meta = ownAddressesOf({
      provider: "META",
      pageId: "1001",
      pageAccessToken: "p",
      appSecret: "s",
      verifyToken: "v",
      instagramAccountId: "1784",
    });
    expect(checkSend({ ...sms, channel: "MESSENGER", toAddress: "1001" }, meta)).toMatchObject({ reason: "ECHO_LOOP" });
    expect(checkSend({ ...sms, channel: "INSTAGRAM", toAddress: "1784" }, meta)).toMatchObject({ reason: "ECHO_LOOP" });
    expect(checkSend({ ...sms, channel: "MESSENGER", toAddress: "PSID-9" }, meta)).toEqual({ ok: true });
  });

  it("refuses a number that only normalises to ours (trunk prefix, extension), and passes others unparsed", () => {
    const uk = ownAddressesOf({
      provider: "TWILIO",
      accountSid: `AC${"1".repeat(32)}`,
      authToken: "t",
      fromNumber: "+442079460000",
    });
    expect(checkSend({ ...sms, toAddress: "+44 (0)20 7946 0000" }, uk)).toMatchObject({ reason: "ECHO_LOOP" });
    expect(checkSend({ ...sms, toAddress: "+1 202 555 0143 ext. 9" }, twilioOwn)).toMatchObject({
      reason: "ECHO_LOOP",
    });
    expect(checkSend({ ...sms, toAddress: "+44 20 7946 0001" }, uk)).toEqual({ ok: true });
    expect(checkSend({ ...sms, toAddress: "()" }, uk)).toMatchObject({ reason: "NO_RECIPIENT" });
  });

  it("refuses a missing recipient and the CHAT channel", () => {
    expect(checkSend({ ...sms, toAddress: null }, twilioOwn)).toMatchObject({ reason: "NO_RECIPIENT" });
    expect(checkSend({ ...sms, toAddress: "  " }, twilioOwn)).toMatchObject({ reason: "NO_RECIPIENT" });
    expect(checkSend({ ...sms, channel: "CHAT", toAddress: "visitor-1" })).toMatchObject({
      reason: "UNSUPPORTED_CHANNEL",
    });
  });

  it("checks direction before status", () => {
    expect(checkSend({ ...sms, direction: "INBOUND", deliveryStatus: "PENDING" })).toMatchObject({
      reason: "INBOUND_MESSAGE",
    });
  });
});

describe("comparableAddress", () => {
  it("normalises per channel", () => {
    expect(comparableAddress("SMS", "(202) 555-0143")).toBe("2025550143"); // no country: digits only, never a false match with E.164
    expect(comparableAddress("SMS", "+1 202 555 0143")).toBe("+12025550143");
    expect(comparableAddress("EMAIL", " Ada@Example.COM ")).toBe("ada@example.com");
    expect(comparableAddress("MESSENGER", " 123 ")).toBe("123");
    expect(comparableAddress("SMS", "")).toBeNull();
  });
});
