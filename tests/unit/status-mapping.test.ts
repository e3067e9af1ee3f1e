import { describe, expect, it } from "vitest";
import { DeliveryStatus } from "../../app/generated/prisma/enums";
import { TWILIO_STATUSES, mapTwilioStatus } from "../../app/channels/twilio/status";
import {
  SENDGRID_EVENTS,
  mapSendGridEvent,
  sendGridConsentSignal,
  sendGridEventReason,
} from "../../app/channels/sendgrid/status";
import { META_STATUS_EVENTS, mapMetaStatusEvent } from "../../app/channels/meta/status";
import { shouldApplyStatus } from "../../app/channels/status";
import { TWILIO_ERROR_REASONS, classifyTwilioError } from "../../app/channels/twilio/errors";
import { classifyMetaError } from "../../app/channels/meta/errors";
import { classifyNetworkError } from "../../app/channels/failures";

const OURS = new Set(Object.values(DeliveryStatus));

describe("Twilio status mapping", () => {
  it("maps every Twilio status onto our enum", () => {
    for (const s of TWILIO_STATUSES) expect(OURS.has(mapTwilioStatus(s)!), s).toBe(true);
  });
  it("maps exactly", () => {
    expect(Object.fromEntries(TWILIO_STATUSES.map((s) => [s, mapTwilioStatus(s)]))).toEqual({
      accepted: "QUEUED",
      scheduled: "QUEUED",
      queued: "QUEUED",
      sending: "QUEUED",
      sent: "SENT",
      delivered: "DELIVERED",
      partially_delivered: "DELIVERED",
      undelivered: "UNDELIVERED",
      failed: "FAILED",
      read: "READ",
      receiving: "RECEIVED",
      received: "RECEIVED",
      canceled: "FAILED",
    });
    expect(mapTwilioStatus("DELIVERED")).toBe("DELIVERED");
    expect(mapTwilioStatus("bogus")).toBeUndefined();
    expect(mapTwilioStatus(undefined)).toBeUndefined();
  });
});

describe("SendGrid event mapping", () => {
  it("maps every event onto our enum", () => {
    for (const e of SENDGRID_EVENTS) expect(OURS.has(mapSendGridEvent(e)!), e).toBe(true);
  });
  it("maps exactly, telling hard bounces from blocks", () => {
    expect(Object.fromEntries(SENDGRID_EVENTS.map((e) => [e, mapSendGridEvent(e)]))).toEqual({
      processed: "SENT",
      deferred: "SENT",
      delivered: "DELIVERED",
      open: "OPENED",
      click: "CLICKED",
      bounce: "FAILED",
      blocked: "UNDELIVERED",
      dropped: "FAILED",
      spamreport: "DELIVERED",
      unsubscribe: "DELIVERED",
      group_unsubscribe: "DELIVERED",
      group_resubscribe: "DELIVERED",
    });
    expect(mapSendGridEvent("bounce", "bounce")).toBe("FAILED");
    expect(mapSendGridEvent("bounce", "blocked")).toBe("UNDELIVERED");
    expect(mapSendGridEvent("mystery")).toBeUndefined();
  });
  it("gives reasons and consent signals", () => {
    expect(sendGridEventReason({ event: "bounce", type: "bounce", reason: "550 5.1.1 no such user" })).toBe(
      "The email address does not exist or refused the email (hard bounce): 550 5.1.1 no such user",
    );
    expect(sendGridEventReason({ event: "dropped", reason: "Unsubscribed Address" })).toBe(
      "The recipient unsubscribed, so SendGrid no longer sends to it.",
    );
    expect(sendGridEventReason({ event: "delivered" })).toBeUndefined();
    expect(sendGridConsentSignal({ event: "spamreport" })).toEqual({ action: "REVOKED", reason: "spamreport" });
    expect(sendGridConsentSignal({ event: "group_unsubscribe", asm_group_id: 42 })).toEqual({
      action: "REVOKED",
      reason: "group_unsubscribe",
      asmGroupId: 42,
    });
    expect(sendGridConsentSignal({ event: "group_resubscribe", asm_group_id: "42" })).toMatchObject({
      action: "GRANTED",
    });
    expect(sendGridConsentSignal({ event: "open" })).toBeUndefined();
  });
});

describe("Meta status mapping", () => {
  it("maps delivery and read", () => {
    for (const e of META_STATUS_EVENTS) expect(OURS.has(mapMetaStatusEvent(e)!), e).toBe(true);
    expect(mapMetaStatusEvent("delivery")).toBe("DELIVERED");
    expect(mapMetaStatusEvent("read")).toBe("READ");
    expect(mapMetaStatusEvent("echo")).toBeUndefined();
  });
});

describe("shouldApplyStatus", () => {
  it("only moves forward", () => {
    expect(shouldApplyStatus("PENDING", "QUEUED")).toBe(true);
    expect(shouldApplyStatus("PENDING", "DELIVERED")).toBe(true); // callback before the send was recorded
    expect(shouldApplyStatus("NEEDS_REVIEW", "SENT")).toBe(true);
    expect(shouldApplyStatus("QUEUED", "SENT")).toBe(true);
    expect(shouldApplyStatus("DELIVERED", "SENT")).toBe(false);
    expect(shouldApplyStatus("SENT", "SENT")).toBe(false);
    expect(shouldApplyStatus("OPENED", "CLICKED")).toBe(true);
    expect(shouldApplyStatus("CLICKED", "OPENED")).toBe(false);
    expect(shouldApplyStatus("READ", "DELIVERED")).toBe(false);
  });
  it("lets failures win until the customer demonstrably saw the message", () => {
    expect(shouldApplyStatus("SENT", "UNDELIVERED")).toBe(true);
    expect(shouldApplyStatus("DELIVERED", "FAILED")).toBe(true); // late async bounce
    expect(shouldApplyStatus("OPENED", "FAILED")).toBe(false);
    expect(shouldApplyStatus("FAILED", "DELIVERED")).toBe(false);
    expect(shouldApplyStatus("UNDELIVERED", "READ")).toBe(true);
    expect(shouldApplyStatus("FAILED", "UNDELIVERED")).toBe(false);
  });
  it("never sets inbound or internal states from a callback", () => {
    for (const next of ["RECEIVED", "PENDING", "NEEDS_REVIEW"] as const)
      expect(shouldApplyStatus("SENT", next)).toBe(false);
    expect(shouldApplyStatus("RECEIVED", "DELIVERED")).toBe(false);
  });
});

describe("error classification tables", () => {
  it("Twilio: rate limits and 5xx retry; numbered errors are permanent with a reason", () => {
    expect(classifyTwilioError({ status: 429, code: 20429, message: "Too Many Requests" })).toMatchObject({
      retryable: true,
      ambiguous: false,
      errorCode: "20429",
    });
    expect(classifyTwilioError({ status: 503, code: 20503 })).toMatchObject({ retryable: true, ambiguous: false });
    expect(classifyTwilioError({ status: 500, message: "boom" })).toMatchObject({
      retryable: true,
      ambiguous: true,
      errorCode: "http_500",
    });
    for (const code of [21211, 21610, 21614, 21408, 63016, 21612]) {
      expect(classifyTwilioError({ status: 400, code, message: "x" })).toEqual({
        ok: false,
        retryable: false,
        ambiguous: false,
        errorCode: String(code),
        errorMessage: TWILIO_ERROR_REASONS[code],
        status: "FAILED",
      });
    }
    expect(classifyTwilioError({ status: 400, code: 21999, message: "Something new" })).toMatchObject({
      retryable: false,
      errorMessage: "Something new",
    });
  });
  it("network errors: refused is a clean retry, a reset may have been sent", () => {
    expect(
      classifyNetworkError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
    ).toMatchObject({
      retryable: true,
      ambiguous: false,
      errorCode: "ECONNREFUSED",
    });
    expect(classifyNetworkError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toMatchObject({
      retryable: true,
      ambiguous: true,
    });
    expect(classifyNetworkError(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }))).toMatchObject({
      errorCode: "ECONNREFUSED",
      ambiguous: false,
    });
    expect(classifyNetworkError(new Error("plain"))).toBeUndefined();
  });
  it("Meta: limits retry, policy errors do not", () => {
    for (const code of [613, 4, 17, 32])
      expect(classifyMetaError(400, { error: { code, message: "limit" } })).toMatchObject({ retryable: true });
    expect(classifyMetaError(500, { error: { code: 99999 } })).toMatchObject({ retryable: true });
    expect(classifyMetaError(400, { error: { code: 10, error_subcode: 2018278, message: "outside" } })).toMatchObject({
      retryable: false,
      errorCode: "10/2018278",
      errorMessage: expect.stringContaining("24 hours"),
    });
    expect(classifyMetaError(400, { error: { code: 190, message: "bad token" } })).toMatchObject({
      retryable: false,
      errorCode: "190",
      errorMessage: expect.stringContaining("reconnect"),
    });
  });
});
