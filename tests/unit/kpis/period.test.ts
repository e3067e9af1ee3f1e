import { describe, expect, test } from "vitest";
import { KpiPeriodError, parseKpiFilters, parseKpiPeriod } from "../../../app/kpis/period";

describe("KPI period", () => {
  test("calendar dates in the shop's zone, across a DST change, with the previous period just before", () => {
    const p = parseKpiPeriod(new URLSearchParams("from=2026-03-01&to=2026-03-31"), "Europe/Paris");
    expect(p.from.toISOString()).toBe("2026-02-28T23:00:00.000Z");
    expect(p.to.toISOString()).toBe("2026-03-31T22:00:00.000Z");
    expect(p.days).toBe(31);
    expect(p.previousFrom.toISOString()).toBe("2026-01-28T23:00:00.000Z");
    expect(p.previousTo).toEqual(p.from);
  });

  test("defaults to the last 30 days, today included", () => {
    const d = parseKpiPeriod(new URLSearchParams(""), "UTC", new Date("2026-12-03T10:00:00Z"));
    expect([d.fromDate, d.toDate, d.days]).toEqual(["2026-11-04", "2026-12-03", 30]);
  });

  test("refuses a period that ends before it starts or is longer than a year", () => {
    expect(() => parseKpiPeriod(new URLSearchParams("from=2026-03-02&to=2026-03-01"), "UTC")).toThrow(KpiPeriodError);
    expect(() => parseKpiPeriod(new URLSearchParams("from=2024-01-01&to=2026-03-01"), "UTC")).toThrow(KpiPeriodError);
    expect(() => parseKpiPeriod(new URLSearchParams("from=yesterday"), "UTC")).toThrow(KpiPeriodError);
  });

  test("filters: empty and 'all' mean none", () => {
    expect(parseKpiFilters(new URLSearchParams("channel=SMS&team=all&assignee="))).toEqual({
      channel: "SMS",
      teamId: null,
      assigneeId: null,
    });
  });
});
