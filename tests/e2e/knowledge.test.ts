// The Knowledge page in Chromium against the real demo (embedded PGlite, demo articles seeded):
// a CSV with a bad row is refused with its row's error, the fixed file is imported through the
// page and listed, Try it answers a question with its article and confidence, and a request for a
// person is handed off. Customer and merchant text stays text.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "../support/browser";
import { startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];

const SCRIPT_ANSWER = "Plain text only: <script>alert('kb')</script>";
const GOOD_CSV = [
  "question,answer,tags,locale",
  '"Do you sell gift cards?","Yes: gift cards from $10 to $500, delivered by email within minutes. They never expire.",gifts|cards,en',
  '"Can I engrave a wallet?","Yes, up to 12 characters, ""free of charge"".\nEngraved wallets cannot be returned.",engraving,en',
  `"Is my data safe?","${SCRIPT_ANSWER.replace(/"/g, '""')}",privacy,en`,
].join("\r\n");
const BAD_CSV = GOOD_CSV.replace("engraving,en", "engraving,de");

beforeAll(async () => {
  session = await startDemoInBrowser("knowledge");
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

async function chooseFile(name: string, content: string) {
  await page.locator("#knowledge-import-file").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(`\uFEFF${content}`, "utf8"),
  });
}

describe("Knowledge page in Chromium", () => {
  it("GIVEN the demo shop WHEN Knowledge is opened from the nav THEN its seeded articles are listed with status, language and source", async () => {
    await page.goto(`${demo.url}/app`);
    await page.getByRole("navigation").getByRole("link", { name: "Knowledge", exact: true }).click();
    await page.waitForURL("**/app/knowledge");
    await page.locator("h1", { hasText: "Knowledge" }).first().waitFor();
    expect(await page.title()).toBe("Knowledge · Threadline");
    await expect.poll(() => page.locator("table tbody tr").count()).toBeGreaterThanOrEqual(10);
    const row = page.locator("table tbody tr", { hasText: "How long does shipping take?" });
    expect(await row.textContent()).toMatch(/Published.*English.*CSV import/);
    await screenshot(page, "knowledge-01-list");
  });

  it("GIVEN a CSV with a bad locale on row 3 WHEN imported THEN nothing is imported and the row's error is listed", async () => {
    await chooseFile("faq.csv", BAD_CSV);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const errors = page.getByTestId("knowledge-import-errors");
    await errors.waitFor({ timeout: 20_000 });
    expect(await errors.textContent()).toContain("Row 3: locale 'de' is not one of en, es, fr");
    expect(await page.getByText("Nothing was imported: 1 problem in the file.").count()).toBe(1);
    expect(await page.locator("table tbody tr", { hasText: "Do you sell gift cards?" }).count()).toBe(0);
    await page.locator("#knowledge-import").scrollIntoViewIfNeeded();
    await screenshot(page, "knowledge-02-import-errors");
  });

  it("GIVEN the fixed CSV WHEN imported THEN the page says how many and the list shows them", async () => {
    await chooseFile("faq.csv", GOOD_CSV);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText("Imported 3 articles.").waitFor({ timeout: 30_000 });
    await page.locator("table tbody tr", { hasText: "Do you sell gift cards?" }).waitFor({ timeout: 10_000 });
    await page.locator("#knowledge-import").scrollIntoViewIfNeeded();
    await screenshot(page, "knowledge-03-imported");
  });

  it("GIVEN the imported article WHEN Try it is asked about gift cards THEN the answer, its article and a confidence are shown", async () => {
    await page.getByLabel("Customer message", { exact: true }).fill("Do you sell gift cards?");
    await page.getByRole("button", { name: "Try it", exact: true }).click();
    const result = page.getByTestId("try-it-result");
    await result.waitFor({ timeout: 20_000 });
    const text = (await result.textContent()) ?? "";
    expect(text).toContain("DecisionAnswer");
    expect(text).toContain("gift cards from $10 to $500");
    expect(await result.getByTestId("try-it-article").textContent()).toBe("Do you sell gift cards?");
    expect(text).toMatch(/Confidence\d{1,3} %/);
    await screenshot(page, "knowledge-04-try-answer");
  });

  it("GIVEN Try it WHEN the customer asks for a human THEN a hand-off is shown with why", async () => {
    await page.getByLabel("Customer message", { exact: true }).fill("I want to talk to a human");
    await page.getByRole("button", { name: "Try it", exact: true }).click();
    const result = page.getByTestId("try-it-result");
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toContain("Hand-off to a person");
    expect(await result.textContent()).toMatch(/Why\S/);
    await screenshot(page, "knowledge-05-try-handoff");
  });

  it("GIVEN an imported article with markup in its answer WHEN opened in the editor THEN it shows as text and no script runs", async () => {
    await page.locator("table tbody tr", { hasText: "Is my data safe?" }).getByRole("link").click();
    await page.waitForURL(/\/app\/knowledge\/[^/]+$/);
    expect(await page.getByLabel("Answer", { exact: true }).inputValue()).toBe(SCRIPT_ANSWER);
    expect(await page.title()).toBe("Is my data safe? · Knowledge · Threadline");
    expect(await page.locator("main script").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(page, "knowledge-06-editor");
  });
});
