import { describe, expect, it } from "vitest";
import { twilioAddressToE164 } from "../../app/channels/twilio/adapter.server";

describe("twilioAddressToE164", () => {
  it("GIVEN a NANP number already in E.164 WHEN normalised THEN it is returned as written, valid or not", () => {
    expect(twilioAddressToE164("+12025550143")).toBe("+12025550143");
    expect(twilioAddressToE164("whatsapp:+12025550143")).toBe("+12025550143");
    // Exchange 000 is not a valid NANP number: like any E.164-shaped number, Twilio decides.
    expect(twilioAddressToE164("+14150000001")).toBe("+14150000001");
  });

  it("GIVEN other forms WHEN normalised THEN libphonenumber decides", () => {
    expect(twilioAddressToE164("+1 (202) 555-0143")).toBe("+12025550143");
    expect(twilioAddressToE164("(202) 555-0143", "US")).toBe("+12025550143");
    expect(twilioAddressToE164("+44 (0)20 7946 0000")).toBe("+442079460000");
    expect(twilioAddressToE164("+33 6 12 34 56 78")).toBe("+33612345678");
    expect(twilioAddressToE164("not a number")).toBeNull();
    expect(twilioAddressToE164("")).toBeNull();
  });
});
