// Shop.settings.llm read back: defaults, malformed values, and when a model cannot be opened.
import { describe, expect, it } from "vitest";
import { encryptSecret } from "../../app/lib/crypto.server";
import { DEFAULT_DAILY_TOKEN_BUDGET, parseLlmSettings } from "../../app/llm/settings";
import { resolveLlmSettings } from "../../app/llm/settings.server";

describe("LLM settings", () => {
  it("GIVEN nothing or junk stored THEN the model is off with the default budget", () => {
    for (const stored of [{}, { llm: "nope" }, { llm: { provider: "skynet" } }, null]) {
      expect(parseLlmSettings(stored)).toMatchObject({ enabled: false, dailyTokenBudget: DEFAULT_DAILY_TOKEN_BUDGET });
    }
    expect(resolveLlmSettings(parseLlmSettings({}))).toMatchObject({ ok: false, reason: "disabled" });
  });

  it("GIVEN a provider that needs a key and none is stored THEN not_configured; a local OpenAI-compatible server needs none", () => {
    const openai = parseLlmSettings({ llm: { enabled: true, provider: "openai", model: "gpt-x" } });
    expect(resolveLlmSettings(openai)).toMatchObject({ ok: false, reason: "not_configured" });
    const ollama = parseLlmSettings({
      llm: { enabled: true, provider: "openai_compatible", model: "llama3", baseUrl: "http://127.0.0.1:11434/v1" },
    });
    expect(resolveLlmSettings(ollama)).toMatchObject({ ok: true, settings: { apiKey: undefined, timeoutMs: 8000 } });
  });

  it("GIVEN a sealed key THEN it opens; a corrupt one is not_configured, never thrown", () => {
    const base = { enabled: true, provider: "anthropic", model: "claude-x" };
    const good = parseLlmSettings({ llm: { ...base, apiKeyCiphertext: encryptSecret("sk-ant") } });
    expect(resolveLlmSettings(good)).toMatchObject({ ok: true, settings: { apiKey: "sk-ant", provider: "anthropic" } });
    const bad = parseLlmSettings({ llm: { ...base, apiKeyCiphertext: "v1:AAAA" } });
    expect(resolveLlmSettings(bad)).toMatchObject({ ok: false, reason: "not_configured" });
  });
});
