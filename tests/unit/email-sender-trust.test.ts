// The sender-trust decision for inbound email (decision 0021): SendGrid's SPF and dkim fields,
// read for the From address's own domain.
import { describe, expect, it } from "vitest";
import { parseEmailAuth } from "../../app/channels/sendgrid/inbound-email";
import { judgeEmailSender, senderAuthenticated } from "../../app/messages/email-sender-trust.server";

const auth = (spf?: string, dkim?: string, envelopeFrom?: string) =>
  parseEmailAuth({
    spf,
    dkim,
    envelope: envelopeFrom ? JSON.stringify({ from: envelopeFrom, to: ["x@y.z"] }) : undefined,
  });

describe("email sender trust", () => {
  it("GIVEN SendGrid's dkim field with several signatures THEN each domain and result is read", () => {
    expect(parseEmailAuth({ dkim: "{@Mail.Example.com : pass, @esp.example : fail}" }).dkim).toEqual([
      { domain: "mail.example.com", result: "pass" },
      { domain: "esp.example", result: "fail" },
    ]);
    expect(parseEmailAuth({ dkim: "none" }).dkim).toEqual([]);
    expect(parseEmailAuth({ envelope: "not json" })).toEqual({ spf: null, envelopeFrom: null, dkim: [] });
  });

  it("GIVEN a pass for the From domain (or a parent or subdomain of it) THEN the sender is authenticated", () => {
    expect(senderAuthenticated("ada@example.com", auth("pass", "none", "ada@example.com"))).toBe(true);
    expect(senderAuthenticated("ada@example.com", auth("fail", "{@mail.example.com : pass}"))).toBe(true);
    expect(senderAuthenticated("ada@eu.example.com", auth("softfail", "{@example.com : pass}"))).toBe(true);
  });

  it("GIVEN passes only for another domain, or missing fields THEN the sender is not authenticated", () => {
    expect(senderAuthenticated("ada@example.com", auth("pass", "{@evil.example : pass}", "x@evil.example"))).toBe(
      false,
    );
    expect(senderAuthenticated("ada@example.com", auth("pass"))).toBe(false);
    expect(senderAuthenticated("ada@example.com", auth(undefined, "{@notexample.com : pass}"))).toBe(false);
    expect(senderAuthenticated("ada@example.com", auth("softfail", "{@example.com : fail}", "ada@example.com"))).toBe(
      false,
    );
  });

  it("judges VERIFIED only for an authenticated address the customer already has", () => {
    expect(judgeEmailSender({ authenticated: true, knownToCustomer: true })).toBe("VERIFIED");
    expect(judgeEmailSender({ authenticated: true, knownToCustomer: false })).toBe("UNKNOWN_ADDRESS");
    expect(judgeEmailSender({ authenticated: false, knownToCustomer: true })).toBe("FAILED_AUTH");
  });
});
