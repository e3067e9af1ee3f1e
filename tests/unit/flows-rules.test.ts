import { describe, expect, it } from "vitest";
import { cartRecoveryStopReason, type CartRecoveryStopFacts } from "../../app/flows/cart-recovery-stop";
import { chooseChannel, type ChannelChoiceInput } from "../../app/flows/choose-channel";
import { frequencyCapAllowsAt } from "../../app/flows/frequency-cap";
import { instantOfWallClock, nextAllowedTime, zoneOffsetMinutes } from "../../app/flows/quiet-hours";
import { recipientTimezone, timezoneForAddress, timezoneForPhone } from "../../app/flows/recipient-timezone";

const H = 3600_000;
const window = { start: "08:00", end: "21:00" };

describe("quiet hours", () => {
  it("GIVEN a time inside 08:00-21:00 local THEN null", () => {
    expect(nextAllowedTime(new Date("2026-11-26T15:00:00Z"), "Europe/Paris", window)).toBeNull(); // 16:00 Paris
    expect(nextAllowedTime(new Date("2026-11-26T07:00:00Z"), "Europe/Paris", window)).toBeNull(); // 08:00 sharp
  });
  it("GIVEN late evening local THEN next morning 08:00 local", () => {
    // 22:30 in New York (EST, -05:00) -> 08:00 EST next day = 13:00Z
    expect(nextAllowedTime(new Date("2026-11-27T03:30:00Z"), "America/New_York", window)).toEqual(
      new Date("2026-11-27T13:00:00Z"),
    );
    // exactly 21:00 is already quiet
    expect(nextAllowedTime(new Date("2026-11-27T02:00:00Z"), "America/New_York", window)).toEqual(
      new Date("2026-11-27T13:00:00Z"),
    );
  });
  it("GIVEN early morning local THEN 08:00 the same day", () => {
    // 03:00 Tokyo (+09:00) -> 08:00 Tokyo = 23:00Z the day before
    expect(nextAllowedTime(new Date("2026-11-25T18:00:00Z"), "Asia/Tokyo", window)).toEqual(
      new Date("2026-11-25T23:00:00Z"),
    );
  });
  it("GIVEN the night a DST change happens THEN 08:00 uses the new offset", () => {
    // Europe/Paris springs forward on 2026-03-29 at 02:00 local; 01:30 CET -> 08:00 CEST = 06:00Z
    expect(nextAllowedTime(new Date("2026-03-29T00:30:00Z"), "Europe/Paris", window)).toEqual(
      new Date("2026-03-29T06:00:00Z"),
    );
    // New York falls back on 2026-11-01: 23:00 EDT on Oct 31 -> 08:00 EST = 13:00Z
    expect(nextAllowedTime(new Date("2026-11-01T03:00:00Z"), "America/New_York", window)).toEqual(
      new Date("2026-11-01T13:00:00Z"),
    );
  });
  it("GIVEN half-hour zones THEN offsets are exact", () => {
    expect(zoneOffsetMinutes(new Date("2026-06-01T00:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(zoneOffsetMinutes(new Date("2026-01-15T00:00:00Z"), "America/St_Johns")).toBe(-210);
    // 23:00 Kolkata -> 08:00 next day = 02:30Z
    expect(nextAllowedTime(new Date("2026-06-01T17:30:00Z"), "Asia/Kolkata", window)).toEqual(
      new Date("2026-06-02T02:30:00Z"),
    );
  });
  it("GIVEN a wall time in a DST gap THEN the first instant after the jump", () => {
    // 02:30 does not exist in New York on 2026-03-08
    const t = instantOfWallClock({ year: 2026, month: 3, day: 8, minutes: 150 }, "America/New_York");
    expect(t.getTime()).toBeGreaterThanOrEqual(new Date("2026-03-08T07:00:00Z").getTime());
  });
  it("GIVEN a window spanning midnight or an empty one THEN handled", () => {
    expect(nextAllowedTime(new Date("2026-11-26T23:00:00Z"), "UTC", { start: "22:00", end: "06:00" })).toBeNull();
    expect(nextAllowedTime(new Date("2026-11-26T12:00:00Z"), "UTC", { start: "22:00", end: "06:00" })).toEqual(
      new Date("2026-11-26T22:00:00Z"),
    );
    expect(nextAllowedTime(new Date("2026-11-26T03:00:00Z"), "UTC", { start: "00:00", end: "00:00" })).toBeNull();
  });
  it("GIVEN a malformed time THEN it throws", () => {
    expect(() => nextAllowedTime(new Date(), "UTC", { start: "8am", end: "21:00" })).toThrow(/invalid time/);
  });
});

describe("recipient time zone", () => {
  it("GIVEN a US or Canadian address THEN the province decides (code or name)", () => {
    expect(timezoneForAddress("US", "CA")).toBe("America/Los_Angeles");
    expect(timezoneForAddress("US", "New York")).toBe("America/New_York");
    expect(timezoneForAddress("us", "Texas")).toBe("America/Chicago");
    expect(timezoneForAddress("CA", "Ontario")).toBe("America/Toronto");
    expect(timezoneForAddress("CA", "BC")).toBe("America/Vancouver");
    expect(timezoneForAddress("AU", "Western Australia")).toBe("Australia/Perth");
  });
  it("GIVEN a multi-zone country without a known province THEN no guess (US/CA/AU) or the main zone (BR/MX)", () => {
    expect(timezoneForAddress("US", null)).toBeNull();
    expect(timezoneForAddress("CA", "Atlantis")).toBeNull();
    expect(timezoneForAddress("MX", null)).toBe("America/Mexico_City");
  });
  it("GIVEN a single-zone country THEN its zone", () => {
    expect(timezoneForAddress("FR", null)).toBe("Europe/Paris");
    expect(timezoneForAddress("ES", "Madrid")).toBe("Europe/Madrid");
  });
  it("GIVEN only a phone number THEN its country's zone", () => {
    expect(timezoneForPhone("+33612345678")).toBe("Europe/Paris");
    expect(timezoneForPhone("whatsapp:+442079460958")).toBe("Europe/London");
    expect(timezoneForPhone("+16135550142")).toBeNull(); // North America: the number alone says no zone
    expect(timezoneForPhone("nonsense")).toBeNull();
  });
  it("GIVEN the fallbacks THEN address, then phone, then the shop", () => {
    expect(recipientTimezone({ shippingCountryCode: "JP", phone: "+33612345678", shopTimezone: "UTC" })).toEqual({
      timeZone: "Asia/Tokyo",
      source: "address",
    });
    expect(recipientTimezone({ shippingCountryCode: "US", phone: "+33612345678", shopTimezone: "UTC" })).toEqual({
      timeZone: "Europe/Paris",
      source: "phone",
    });
    expect(recipientTimezone({ phone: null, shopTimezone: "America/Denver" })).toEqual({
      timeZone: "America/Denver",
      source: "shop",
    });
  });
});

describe("frequency cap", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const cap = { maxPerWindow: 1, windowHours: 24 };
  it("GIVEN nothing sent in the window THEN allowed now", () => {
    expect(frequencyCapAllowsAt([], cap, now)).toBeNull();
    expect(frequencyCapAllowsAt([new Date(now.getTime() - 25 * H)], cap, now)).toBeNull();
  });
  it("GIVEN one sent 2 hours ago THEN allowed 22 hours from now", () => {
    expect(frequencyCapAllowsAt([new Date(now.getTime() - 2 * H)], cap, now)).toEqual(new Date(now.getTime() + 22 * H));
  });
  it("GIVEN a cap of 2 THEN the second-newest send decides", () => {
    const sends = [new Date(now.getTime() - 1 * H), new Date(now.getTime() - 5 * H), new Date(now.getTime() - 20 * H)];
    expect(frequencyCapAllowsAt(sends, { maxPerWindow: 2, windowHours: 24 }, now)).toEqual(
      new Date(now.getTime() + 19 * H),
    );
    expect(frequencyCapAllowsAt(sends.slice(0, 1), { maxPerWindow: 2, windowHours: 24 }, now)).toBeNull();
  });
  it("GIVEN a cap of 0 THEN no cap", () => {
    expect(frequencyCapAllowsAt([now], { maxPerWindow: 0, windowHours: 24 }, now)).toBeNull();
  });
});

describe("chooseChannel", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const yes = { allowed: true, reason: "granted" };
  const base: ChannelChoiceInput = {
    preference: ["SMS", "WHATSAPP", "EMAIL"],
    customer: { email: "a@example.com", phone: "+15555550100", whatsapp: null, lastWhatsappInboundAt: null },
    consent: { SMS: yes, WHATSAPP: yes, EMAIL: yes },
    whatsappTemplateApproved: false,
    now,
  };
  it("GIVEN everything allowed THEN the first preference", () => {
    expect(chooseChannel(base)).toEqual({
      channel: "SMS",
      to: "+15555550100",
      useWhatsappTemplate: false,
      skipped: [],
    });
  });
  it("GIVEN no SMS consent and WhatsApp outside the window without a template THEN email, with reasons", () => {
    const choice = chooseChannel({ ...base, consent: { ...base.consent, SMS: { allowed: false, reason: "revoked" } } });
    expect(choice).toEqual({
      channel: "EMAIL",
      to: "a@example.com",
      useWhatsappTemplate: false,
      skipped: [
        { channel: "SMS", reason: "no consent: revoked" },
        { channel: "WHATSAPP", reason: "outside the 24-hour WhatsApp window and no approved template" },
      ],
    });
  });
  it("GIVEN WhatsApp outside the window WITH an approved template THEN the template", () => {
    const choice = chooseChannel({ ...base, preference: ["WHATSAPP"], whatsappTemplateApproved: true });
    expect(choice).toMatchObject({ channel: "WHATSAPP", useWhatsappTemplate: true });
  });
  it("GIVEN a WhatsApp message from the customer 2 hours ago THEN free-form, to the WhatsApp identity", () => {
    const choice = chooseChannel({
      ...base,
      preference: ["WHATSAPP"],
      customer: { ...base.customer, whatsapp: "+447911123456", lastWhatsappInboundAt: new Date(now.getTime() - 2 * H) },
    });
    expect(choice).toMatchObject({ channel: "WHATSAPP", to: "+447911123456", useWhatsappTemplate: false });
  });
  it("GIVEN no address anywhere or nothing connected THEN none with a reason each", () => {
    expect(
      chooseChannel({ ...base, customer: { email: null, phone: null, whatsapp: null, lastWhatsappInboundAt: null } }),
    ).toEqual({
      none: true,
      reasons: [
        { channel: "SMS", reason: "no phone number" },
        { channel: "WHATSAPP", reason: "no phone number" },
        { channel: "EMAIL", reason: "no email address" },
      ],
    });
    expect(chooseChannel({ ...base, connected: { EMAIL: true } })).toMatchObject({ channel: "EMAIL" });
  });
  it("GIVEN a consent decision missing THEN not allowed", () => {
    expect(chooseChannel({ ...base, preference: ["SMS"], consent: {} })).toEqual({
      none: true,
      reasons: [{ channel: "SMS", reason: "no consent: unknown" }],
    });
  });
});

describe("cart recovery stop", () => {
  const since = new Date("2026-11-26T10:00:00Z");
  const facts: CartRecoveryStopFacts = {
    run: { checkoutToken: "tok", customerId: "c1", email: "a@example.com", phone: "+15555550100", since },
    checkoutCompletedAt: null,
    orders: [],
    lastInboundAt: null,
    optedOut: false,
  };
  const order = {
    checkoutToken: null,
    customerId: null,
    email: null,
    phone: null,
    placedAt: new Date(since.getTime() + H),
  };
  it("GIVEN nothing happened THEN carry on", () => expect(cartRecoveryStopReason(facts)).toBeNull());
  it("GIVEN the checkout completed THEN stop", () =>
    expect(cartRecoveryStopReason({ ...facts, checkoutCompletedAt: since })).toBe("checkout completed"));
  it.each([
    [{ checkoutToken: "tok", placedAt: new Date(0) }],
    [{ customerId: "c1" }],
    [{ email: "A@example.com" }],
    [{ phone: "+15555550100" }],
  ])("GIVEN an order matching %o THEN stop", (match) =>
    expect(cartRecoveryStopReason({ ...facts, orders: [{ ...order, ...match }] })).toBe("order placed"),
  );
  it("GIVEN an older order of the same customer THEN carry on", () =>
    expect(
      cartRecoveryStopReason({
        ...facts,
        orders: [{ ...order, customerId: "c1", placedAt: new Date(since.getTime() - H) }],
      }),
    ).toBeNull());
  it("GIVEN a reply after the run started THEN stop; an older one does not", () => {
    expect(cartRecoveryStopReason({ ...facts, lastInboundAt: new Date(since.getTime() + 1) })).toBe("customer replied");
    expect(cartRecoveryStopReason({ ...facts, lastInboundAt: new Date(since.getTime() - 1) })).toBeNull();
  });
  it("GIVEN opted out THEN stop", () =>
    expect(cartRecoveryStopReason({ ...facts, optedOut: true })).toBe("customer opted out"));
});
