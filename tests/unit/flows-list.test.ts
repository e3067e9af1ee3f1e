// The Flows page's pure parts: which section each flow kind sits in, and the location promotion's
// "choose an area first" note.
import { describe, expect, it } from "vitest";
import { FLOW_SECTIONS, groupBySection } from "../../app/components/flows-list/sections";
import { setupNote } from "../../app/components/flows-list/setup-note";
import { FLOW_KINDS } from "../../app/flows/defaults";

const NO_AREA = "No countries, regions or area chosen yet: edit the flow to choose who gets this promotion.";

describe("the Flows page's sections", () => {
  it("GIVEN every flow kind THEN each sits in exactly one section, so none is left off the page", () => {
    const placed = FLOW_SECTIONS.flatMap((section) => section.kinds);
    expect([...placed].sort()).toEqual([...FLOW_KINDS].sort());
    expect(new Set(placed).size).toBe(placed.length);
  });

  it("GIVEN the entries in any order THEN each section lists its own, in the section's order", () => {
    const entries = [...FLOW_KINDS].reverse().map((kind) => ({ kind }));
    expect(groupBySection(entries).map(({ section, entries: e }) => [section.title, e.map((x) => x.kind)])).toEqual([
      ["Order and cart messages", ["CART_RECOVERY", "ORDER_CONFIRMATION", "SHIPPING_UPDATE", "REVIEW_REQUEST"]],
      [
        "Lifecycle",
        ["WELCOME_SERIES", "BROWSE_ABANDONMENT", "CROSS_SELL", "REPLENISHMENT", "WIN_BACK", "LOCATION_PROMOTION"],
      ],
    ]);
  });
});

describe("setupNote", () => {
  it("GIVEN a location promotion with no countries, regions or area THEN it asks the merchant to choose one", () => {
    expect(setupNote("LOCATION_PROMOTION", { countries: [], regions: [], near: null })).toBe(NO_AREA);
    expect(setupNote("LOCATION_PROMOTION", {})).toBe(NO_AREA);
    expect(setupNote("LOCATION_PROMOTION", null)).toBe(NO_AREA);
  });

  it("GIVEN a country, a region or an area THEN there is no note; other flows never have one", () => {
    expect(setupNote("LOCATION_PROMOTION", { countries: ["CA"], regions: [], near: null })).toBeNull();
    expect(setupNote("LOCATION_PROMOTION", { countries: [], regions: ["US-CA"], near: null })).toBeNull();
    expect(
      setupNote("LOCATION_PROMOTION", {
        countries: [],
        regions: [],
        near: { latitude: 45, longitude: -73, radiusKm: 20 },
      }),
    ).toBeNull();
    expect(setupNote("WIN_BACK", {})).toBeNull();
    expect(setupNote("CART_RECOVERY", {})).toBeNull();
  });
});
