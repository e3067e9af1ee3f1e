import { describe, expect, it } from "vitest";
import { timeOrderedId } from "../../app/lib/time-ordered-id";

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("timeOrderedId", () => {
  it("GIVEN ids made one after the other WHEN sorted as text THEN they keep their creation order, within a millisecond too", () => {
    const sameMs = Array.from({ length: 300 }, () => timeOrderedId(1_796_400_000_000));
    const later = Array.from({ length: 300 }, (_, i) => timeOrderedId(1_796_400_000_001 + i));
    const all = [...sameMs, ...later];
    expect([...all].sort()).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((id) => V7.test(id))).toBe(true);
  });

  it("GIVEN a time WHEN an id is made THEN its first 48 bits are that Unix time in milliseconds (RFC 9562 UUIDv7)", () => {
    const ms = Date.UTC(2026, 11, 4, 21, 30);
    const id = timeOrderedId(ms);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(ms);
  });
});
