// The block's calls to the app (thread, reply, dismissing a suggested reply). Relative URLs: in the admin, fetch() resolves them against the
// app's application_url and adds `Authorization: Bearer <ID token>`, which the routes check with
// authenticate.admin. The fetch function is injected so tests can watch exactly what is sent.
import type { ExtensionThread, ReplyInput, ReplyResult } from "./thread";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** A load that did not give a thread: HTTP status (0 when the network failed). */
export class ThreadLoadError extends Error {
  constructor(readonly status: number) {
    super(status ? `The app answered ${status}.` : "The app could not be reached.");
  }
}

export interface ThreadClient {
  load(): Promise<ExtensionThread>;
  reply(input: ReplyInput): Promise<ReplyResult>;
  /** Dismisses a suggested reply; true when the app recorded it. */
  dismiss(suggestionId: string): Promise<boolean>;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export function createThreadClient(fetchFn: Fetch, path: string): ThreadClient {
  return {
    async load() {
      let response: Response;
      try {
        response = await fetchFn(path, { headers: { Accept: "application/json" } });
      } catch {
        throw new ThreadLoadError(0);
      }
      if (!response.ok) throw new ThreadLoadError(response.status);
      return (await response.json()) as ExtensionThread;
    },

    async reply(input) {
      let response: Response;
      try {
        response = await fetchFn(path, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(input),
        });
      } catch {
        return { ok: false, error: null };
      }
      const body = (await readJson(response)) as (Partial<ReplyResult> & { error?: string }) | null;
      if (response.ok && body?.ok) return body as ReplyResult;
      // 400/422 carry a sentence written for staff; anything else (401, 5xx) gets the generic message.
      const error = (response.status === 400 || response.status === 422) && body?.error ? body.error : null;
      return { ok: false, error, field: body && "field" in body ? (body.field as string | undefined) : undefined };
    },

    async dismiss(suggestionId) {
      try {
        const response = await fetchFn(`/api/extension/suggestions/${encodeURIComponent(suggestionId)}/dismiss`, {
          method: "POST",
          headers: { Accept: "application/json" },
        });
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}
