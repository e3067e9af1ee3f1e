import { describe, expect, it } from "vitest";
import { classifyKeyword, keywordConfirmation, OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS } from "../../app/consent/keywords";

describe("classifyKeyword", () => {
  it("knows every opt-out keyword, in any case, with surrounding spaces", () => {
    for (const k of OPT_OUT_KEYWORDS) {
      expect(classifyKeyword(k)).toBe("OPT_OUT");
      expect(classifyKeyword(`  ${k.toLowerCase()}\n`)).toBe("OPT_OUT");
    }
    expect(OPT_OUT_KEYWORDS).toEqual(["STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "REVOKE", "OPTOUT", "CANCEL"]);
  });
  it("knows the opt-in keywords", () => {
    for (const k of OPT_IN_KEYWORDS) expect(classifyKeyword(k)).toBe("OPT_IN");
    expect(classifyKeyword("Start")).toBe("OPT_IN");
    expect(classifyKeyword("yes")).toBe("OPT_IN");
    expect(classifyKeyword("unstop")).toBe("OPT_IN");
  });
  it("needs the whole message to be the keyword", () => {
    for (const body of ["stop please", "Please stop", "STOP!", "cancel my order", "yes please", "", "   ", null])
      expect(classifyKeyword(body)).toBeNull();
  });
  it("confirms in plain words with the shop's name", () => {
    expect(keywordConfirmation("OPT_OUT", "Demo")).toMatch(/unsubscribed from Demo.*START/);
    expect(keywordConfirmation("OPT_IN", "Demo")).toMatch(/subscribed to messages from Demo.*STOP/);
  });
});
