import { describe, expect, it } from "vitest";
import { parseExactJson } from "../../app/webhooks/exact-json";

describe("parseExactJson", () => {
  it("GIVEN ids beyond 2^53 anywhere in the document THEN each keeps its exact digits as a string", () => {
    const parsed = parseExactJson(
      '{"id":820982911946154508,"customer":{"id":115310627314723954},"line_items":[{"product_id":632910392046154508,"variant_id":808950810}]}',
    );
    expect(parsed).toEqual({
      id: "820982911946154508",
      customer: { id: "115310627314723954" },
      line_items: [{ product_id: "632910392046154508", variant_id: 808950810 }],
    });
  });

  it("GIVEN safe integers, decimals and exponents THEN they stay numbers", () => {
    expect(parseExactJson('{"a":9007199254740991,"b":0.13,"c":-75.6919,"d":1e21,"e":-3}')).toEqual({
      a: 9007199254740991,
      b: 0.13,
      c: -75.6919,
      d: 1e21,
      e: -3,
    });
  });
});
