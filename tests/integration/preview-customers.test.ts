// "Preview for" (saved replies, flow editor) lists real customers of the shop; three
// shoppers called George Thomas must still be three different choices.
import { beforeAll, describe, expect, it } from "vitest";
import { listPreviewCustomers } from "../../app/admin-queries/preview-customers.server";
import { db } from "../../app/db/client.server";
import { createShop } from "../support/factories";

let shopId: string;
let otherShopId: string;

beforeAll(async () => {
  shopId = (await createShop()).id;
  otherShopId = (await createShop({ domain: "other-preview.myshopify.com" })).id;
  const george = { shopId, firstName: "George", lastName: "Thomas" };
  await db().customer.createMany({
    data: [
      { ...george, email: "george.thomas.4@example.com" },
      { ...george, email: "george.thomas.17@example.com" },
      { ...george, phone: "+14155550142" },
      { ...george, ordersCount: 3, createdAt: new Date("2026-03-01T00:00:00Z") },
      { ...george, ordersCount: 3, createdAt: new Date("2026-05-09T00:00:00Z") },
      // Imported the same day: only Shopify's created_at tells them apart, as on their pages.
      {
        shopId,
        firstName: "Ada",
        lastName: "Imported",
        ordersCount: 1,
        shopifyCreatedAt: new Date("2025-01-15T12:00:00Z"),
      },
      {
        shopId,
        firstName: "Ada",
        lastName: "Imported",
        ordersCount: 1,
        shopifyCreatedAt: new Date("2025-07-04T12:00:00Z"),
      },
      { shopId: otherShopId, firstName: "George", lastName: "Thomas", email: "other@example.com" },
    ],
  });
});

describe("Preview for: customers you can tell apart", () => {
  it("GIVEN five customers named George Thomas, and two imported the same day with one name, WHEN the preview list is built THEN every label differs and says how", async () => {
    const labels = (await listPreviewCustomers(shopId)).map((c) => c.label).sort();

    expect(labels).toEqual([
      "Ada Imported · 1 order · since 2025-01-15",
      "Ada Imported · 1 order · since 2025-07-04",
      "George Thomas · +14155550142",
      "George Thomas · 3 orders · since 2026-03-01",
      "George Thomas · 3 orders · since 2026-05-09",
      "George Thomas · george.thomas.17@example.com",
      "George Thomas · george.thomas.4@example.com",
    ]);
  });

  it("GIVEN another shop's George Thomas WHEN the list is built THEN it is not offered", async () => {
    const labels = (await listPreviewCustomers(shopId)).map((c) => c.label);

    expect(labels.join("\n")).not.toContain("other@example.com");
  });
});
