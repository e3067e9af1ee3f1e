// The location promotion's editor in Chromium against the real demo: the warning while no area is
// set, the area and discount saved from the Promotion card (and shown again after a reload), and a
// bad country code refused on its field with nothing written.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;

beforeAll(async () => {
  session = await startDemoInBrowser("location-promotion-editor", 1200);
  ({ demo, page } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

// The smallest element holding the card's heading and its fields.
const promotionCard = () =>
  page
    .locator("div", {
      has: page.getByRole("heading", { name: "Promotion", exact: true }),
    })
    .filter({ has: page.getByLabel("Code valid for (days)", { exact: true }) })
    .last();
const field = (label: string) => page.getByLabel(label, { exact: true });

async function openEditor() {
  await page.goto(`${demo.url}/app/flows`);
  await page.getByRole("link", { name: "Edit Location promotion" }).click();
  await page.getByRole("heading", { name: "Promotion", exact: true }).waitFor();
  // Fields take input once the editor is hydrated.
  await expect.poll(() => field("Promotion name").isEditable(), { timeout: 10_000 }).toBe(true);
}

async function storedSettings() {
  const db = await demoDb();
  return (await db.flow.findFirstOrThrow({ where: { kind: "LOCATION_PROMOTION" } })).settings as Record<
    string,
    unknown
  >;
}

describe("the location promotion editor in Chromium", () => {
  it("GIVEN no area WHEN the editor opens THEN it warns that nobody enters; WHEN name, countries, a region and a discount are saved THEN they are stored normalised and shown after a reload", async () => {
    await openEditor();
    expect(await promotionCard().textContent()).toContain(
      "Nobody enters this promotion until you set at least one country, region or distance.",
    );
    await screenshot(page, "location-promotion-01-no-area");

    await field("Promotion name").fill("Spring in Paris");
    await field("Countries").fill("fr, be");
    await field("Regions").fill("us-ca");
    await field("Discount (%)").fill("15");
    await field("Code valid for (days)").fill("10");
    await page.getByRole("button", { name: "Save" }).first().click();
    await page.getByText("Flow saved").waitFor();

    const settings = await storedSettings();
    expect(settings).toMatchObject({
      promotionName: "Spring in Paris",
      countries: ["FR", "BE"],
      regions: ["US-CA"],
      discountPercent: 15,
      discountValidDays: 10,
    });

    await page.reload();
    await page.getByRole("heading", { name: "Promotion", exact: true }).waitFor();
    expect(await field("Countries").inputValue()).toBe("FR, BE");
    expect(await field("Regions").inputValue()).toBe("US-CA");
    expect(await field("Discount (%)").inputValue()).toBe("15");
    expect(await promotionCard().textContent()).not.toContain("Nobody enters this promotion");
    await screenshot(page, "location-promotion-02-saved");
  });

  it("GIVEN a country typed as a name WHEN saved THEN the Countries field says which codes it takes and nothing is written", async () => {
    const before = await storedSettings();
    await openEditor();
    await field("Countries").fill("France");
    await page.getByRole("button", { name: "Save" }).first().click();
    await page.getByText("Not saved: fix these first").waitFor();
    expect(await promotionCard().textContent()).toContain("must be codes such as US or FR");
    // The banner names the field in the editor's words, not its JSON path.
    expect(await page.getByText("Countries (entry 1): must be codes such as US or FR").count()).toBe(1);
    expect(await storedSettings()).toEqual(before);
    await screenshot(page, "location-promotion-03-bad-country");
  });
});
