// The live EmbeddingProvider (app/knowledge/embeddings.ts) over the AI SDK's `embedMany`. Like the
// chat client: no retries (the caller always has BM25 to fall back on, and the job queue retries
// on its own schedule), a hard timeout, and failures named rather than thrown, with the tokens
// the provider reports so the shop's daily budget counts them.
import { embedMany, type EmbeddingModel } from "ai";
import type { EmbeddingProvider } from "../knowledge/embeddings";

export type EmbedCallResult =
  | { ok: true; vectors: number[][]; tokens: number | undefined }
  | { ok: false; reason: "timeout" | "error"; detail: string };

export interface EmbeddingClient extends EmbeddingProvider {
  embedCounted(texts: readonly string[]): Promise<EmbedCallResult>;
}

export function aiSdkEmbeddingClient(model: EmbeddingModel, { timeoutMs }: { timeoutMs: number }): EmbeddingClient {
  const embedCounted = async (texts: readonly string[]): Promise<EmbedCallResult> => {
    if (texts.length === 0) return { ok: true, vectors: [], tokens: 0 };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      const result = await embedMany({
        model,
        values: [...texts],
        maxRetries: 0,
        abortSignal: controller.signal,
      });
      if (result.embeddings.length !== texts.length || result.embeddings.some((v) => v.length === 0)) {
        return {
          ok: false,
          reason: "error",
          detail: `expected ${texts.length} vectors, got ${result.embeddings.length}`,
        };
      }
      return { ok: true, vectors: result.embeddings, tokens: result.usage?.tokens };
    } catch (err) {
      if (controller.signal.aborted)
        return { ok: false, reason: "timeout", detail: `no answer within ${timeoutMs} ms` };
      return { ok: false, reason: "error", detail: (err as Error)?.message ?? String(err) };
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    embedCounted,
    async embed(texts) {
      const result = await embedCounted(texts);
      if (!result.ok) throw new Error(`embedding failed (${result.reason}): ${result.detail}`);
      return result.vectors;
    },
  };
}
