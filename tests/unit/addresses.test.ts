import { describe, expect, it } from "vitest";
import { normaliseCountryCode, normaliseEmail, normalisePhone } from "../../app/customers/addresses";
import { timezoneForCountry } from "../../app/customers/country-timezone";

describe("email normalisation", () => {
  it("GIVEN mixed case and spaces WHEN normalised THEN it is trimmed and case-folded", () => {
    expect(normaliseEmail("  Jane.Cooper@Example.COM ")).toBe("jane.cooper@example.com");
  });

  it("GIVEN something that is not an email THEN there is none", () => {
    expect(normaliseEmail("jane at example")).toBeNull();
    expect(normaliseEmail("")).toBeNull();
    expect(normaliseEmail(null)).toBeNull();
  });
});

describe("phone normalisation", () => {
  it("GIVEN an international number in any punctuation THEN it becomes E.164", () => {
    expect(normalisePhone("+1 (613) 555-0142")).toBe("+16135550142");
    expect(normalisePhone("+44 20 7946 0958")).toBe("+442079460958");
  });

  it("GIVEN a national number WHEN the address country is known THEN it is read in that country", () => {
    expect(normalisePhone("613-555-0142", "CA")).toBe("+16135550142");
    expect(normalisePhone("020 7946 0958", "gb")).toBe("+442079460958");
  });

  it("GIVEN a 00 international prefix THEN it is read as +", () => {
    expect(normalisePhone("0044 20 7946 0958")).toBe("+442079460958");
  });

  it("GIVEN a national number and no country THEN it cannot be normalised", () => {
    expect(normalisePhone("020 7946 0958")).toBeNull();
  });

  it("GIVEN garbage THEN there is none", () => {
    expect(normalisePhone("call me")).toBeNull();
    expect(normalisePhone("123", "US")).toBeNull();
    expect(normalisePhone(undefined)).toBeNull();
  });
});

describe("country and time zone", () => {
  it("GIVEN a country code in any case THEN it is upper-cased, and nonsense is dropped", () => {
    expect(normaliseCountryCode("ca")).toBe("CA");
    expect(normaliseCountryCode("Canada")).toBeNull();
  });

  it("GIVEN a single-zone country THEN its zone is known; a multi-zone one gets none", () => {
    expect(timezoneForCountry("GB")).toBe("Europe/London");
    expect(timezoneForCountry("US")).toBeNull();
  });
});
