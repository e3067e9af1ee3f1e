// The Knowledge page's Language model card in Chromium against the real demo (its OpenAI-format
// stand-in behind OPENAI_API_BASE_URL): off by default, switched on with the keyboard, a missing
// model refused with the field's words, saved, and Test connection answering from the stand-in.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "../support/browser";
import { startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;

beforeAll(async () => {
  session = await startDemoInBrowser("language-model");
  ({ demo, page } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

const card = () => page.getByTestId("language-model-card");

describe("Language model card in Chromium", () => {
  it("GIVEN the demo shop WHEN Knowledge is opened THEN the card says the model is off and no key is stored", async () => {
    await page.goto(`${demo.url}/app/knowledge`);
    await card().scrollIntoViewIfNeeded();
    await card().getByText("Off: answers come from your published articles alone.").waitFor();
    expect(await card().getByText("No key stored.").count()).toBe(1);
    expect(
      await card()
        .getByText(/0 of 200,000 tokens used today/)
        .count(),
    ).toBe(1);
    await screenshot(page, "language-model-01-off");
  });

  it("GIVEN the card WHEN switched on with the keyboard but no model THEN the field's error is shown", async () => {
    await card().getByLabel("Use a language model").focus();
    await page.keyboard.press("Space");
    await card().getByLabel("Provider").selectOption("openai_compatible");
    await card().getByLabel("Base URL", { exact: true }).fill("http://127.0.0.1:11434/v1");
    const answered = page.waitForResponse(
      (r) => r.url().includes("/app/answers/model") && r.request().method() === "POST",
    );
    await card().getByRole("button", { name: "Save language model" }).click();
    const res = await answered;
    console.log("DEBUG", res.status(), res.url(), await res.text(), res.request().postData());
    await card().getByText("Model: is required").first().waitFor({ timeout: 20_000 });
    await screenshot(page, "language-model-02-error");
  });

  it("GIVEN a model and an embedding model WHEN saved and tested THEN it is saved and the stand-in answers", async () => {
    await card().getByLabel("Model", { exact: true }).fill("demo-model");
    await card().getByLabel("Embedding model (optional)").fill("demo-embed");
    await card().getByRole("button", { name: "Save language model" }).click();
    await card().getByText("Language model settings saved.").waitFor({ timeout: 20_000 });
    await card().getByRole("button", { name: "Test connection" }).click();
    const ok = card().getByText(
      /demo-model answered \(\d+ tokens\)\. demo-embed returned a vector of 256 dimensions\./,
    );
    await ok.waitFor({ timeout: 20_000 });
    // The key field is a password field and stays empty: nothing is ever shown back.
    expect(await card().getByLabel("API key").inputValue()).toBe("");
    expect(await card().getByLabel("API key").getAttribute("type")).toBe("password");
    await screenshot(page, "language-model-03-tested");
  });
});
