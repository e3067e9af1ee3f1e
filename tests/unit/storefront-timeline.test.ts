// How web pixel events read on the customer's timeline and fold in the conversation thread.
import { describe, expect, it } from "vitest";
import { groupThread, summarizeEvents } from "../../app/components/thread-groups";
import { shopifyIdNumber } from "../../app/storefront-events/batch";
import { timelineTitle, timelineTypeOf } from "../../app/storefront-events/timeline-entry";

const event = (id: string, type: string) => ({ kind: "event" as const, id, type, at: new Date(0), title: id });
const message = (id: string) => ({ kind: "message" as const, id });

describe("web pixel events on the timeline", () => {
  it("GIVEN each pixel event kind WHEN mapped THEN its timeline type and title; a purchase has no entry of its own", () => {
    expect(timelineTypeOf("product_viewed")).toBe("PRODUCT_VIEWED");
    expect(timelineTypeOf("collection_viewed")).toBe("COLLECTION_VIEWED");
    expect(timelineTypeOf("product_added_to_cart")).toBe("ADDED_TO_CART");
    expect(timelineTypeOf("checkout_completed")).toBeNull();
    expect(timelineTitle({ kind: "product_viewed", title: "Blue Hoodie" })).toBe("Viewed Blue Hoodie");
    expect(timelineTitle({ kind: "collection_viewed", title: "Hoodies" })).toBe("Viewed collection Hoodies");
    expect(timelineTitle({ kind: "product_added_to_cart", title: "Blue Hoodie" })).toBe("Added Blue Hoodie to cart");
    expect(timelineTitle({ kind: "product_viewed", title: "  " })).toBe("Viewed a product");
  });

  it("GIVEN a run of views and cart additions between messages WHEN grouped THEN one compact row, counted with chat browsing", () => {
    const entries = groupThread([
      message("m1"),
      event("e1", "PRODUCT_VIEWED"),
      event("e2", "COLLECTION_VIEWED"),
      event("e3", "BROWSING"),
      event("e4", "ADDED_TO_CART"),
      message("m2"),
    ]);
    expect(entries.map((e) => e.kind)).toEqual(["message", "events", "message"]);
    expect(entries[1]).toMatchObject({ summary: "3 pages viewed, 1 cart addition" });
    expect(summarizeEvents([{ type: "ADDED_TO_CART" }, { type: "ADDED_TO_CART" }])).toBe("2 cart additions");
  });

  it("GIVEN Shopify ids as digits or GIDs WHEN read THEN the same 64-bit number", () => {
    expect(shopifyIdNumber("7234567890")).toBe(7234567890n);
    expect(shopifyIdNumber("gid://shopify/Product/820982911946154508")).toBe(820982911946154508n);
    expect(shopifyIdNumber(null)).toBeNull();
    expect(shopifyIdNumber("gid://shopify/Product/abc")).toBeNull();
  });
});
