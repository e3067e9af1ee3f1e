// The one place that knows the Vercel AI SDK's provider packages: settings in, a LanguageModel
// out. The SDK's major version moves fast, so nothing else in the app imports a provider.
// OpenAI goes through Chat Completions (`.chat`), the wire format every OpenAI-compatible server
// (Ollama, vLLM) and the test stand-in speak; Anthropic through its Messages API.
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { EmbeddingModel, LanguageModel } from "ai";
import { config } from "../config.server";
import type { ResolvedLlmSettings } from "./settings.server";

export function createLanguageModel(settings: ResolvedLlmSettings): LanguageModel {
  // Tests and the demo point every OpenAI-format call at the stand-in, whatever the shop says.
  const override = config().OPENAI_API_BASE_URL;
  switch (settings.provider) {
    case "openai":
      return createOpenAI({
        apiKey: settings.apiKey,
        baseURL: override ?? settings.baseUrl,
      }).chat(settings.model);
    case "openai_compatible":
      return createOpenAICompatible({
        name: "openai_compatible",
        baseURL: (override ?? settings.baseUrl)!,
        apiKey: settings.apiKey,
        // json_schema response_format: Ollama, vLLM and LM Studio honour it.
        supportsStructuredOutputs: true,
      }).chatModel(settings.model);
    case "anthropic":
      return createAnthropic({ apiKey: settings.apiKey, baseURL: settings.baseUrl })(settings.model);
  }
}

/**
 * The shop's embedding model, for OpenAI and OpenAI-compatible servers (`POST …/embeddings`).
 * Anthropic has none: its settings never carry an embedding model (settings.ts refuses one).
 */
export function createEmbeddingModel(settings: ResolvedLlmSettings): EmbeddingModel | null {
  const override = config().OPENAI_API_BASE_URL;
  if (!settings.embeddingModel) return null;
  switch (settings.provider) {
    case "openai":
      return createOpenAI({ apiKey: settings.apiKey, baseURL: override ?? settings.baseUrl }).embedding(
        settings.embeddingModel,
      );
    case "openai_compatible":
      return createOpenAICompatible({
        name: "openai_compatible",
        baseURL: (override ?? settings.baseUrl)!,
        apiKey: settings.apiKey,
      }).embeddingModel(settings.embeddingModel);
    case "anthropic":
      return null;
  }
}
