// twilio-node's HTTP layer on Node's own fetch (undici) instead of axios: the same request
// (Basic auth, form-encoded body with repeated keys, query string, timeout, redirects off) and the
// same { statusCode, body, headers } answer the SDK parses. Campaign dispatch profiled a fifth of a
// worker's CPU in axios per message; fetch keeps its connections alive per origin as well.
// Transport errors stay fetch's own (TypeError with an errno cause, TimeoutError), which
// app/channels/failures.ts already classifies as not sent / may have been sent.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import Response from "twilio/lib/http/response";

type RequestOptions<T> = RequestClient.RequestOptions<T>;

const DEFAULT_TIMEOUT_MS = 30_000;

function formEncode(data: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      form.append(key, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
  return form.toString();
}

export class FetchRequestClient extends twilio.RequestClient {
  private readonly rewriteUri: (uri: string) => string;
  private readonly timeoutMs: number;

  constructor(opts: RequestClient.RequestClientOptions & { rewrite?: (uri: string) => string } = {}) {
    super(opts);
    this.rewriteUri = opts.rewrite ?? ((uri) => uri);
    this.timeoutMs = opts.timeout ?? DEFAULT_TIMEOUT_MS;
  }

  override async request<TData>(opts: RequestOptions<TData>): Promise<Response<TData>> {
    if (!opts.method) throw new Error("http method is required");
    if (!opts.uri) throw new Error("uri is required");
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(opts.headers ?? {})) {
      if (value !== undefined && value !== null) headers[name] = String(value);
    }
    if (opts.username && opts.password) {
      headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString("base64")}`;
    } else if (opts.authStrategy) {
      headers.Authorization = await opts.authStrategy.getAuthString();
    }
    const url = new URL(this.rewriteUri(opts.uri));
    if (opts.params) {
      for (const [key, value] of new URLSearchParams(formEncode(opts.params as Record<string, unknown>))) {
        url.searchParams.append(key, value);
      }
    }
    let body: string | undefined;
    if (opts.data) {
      const type = headers["Content-Type"] ?? headers["content-type"];
      if (type === "application/json") body = JSON.stringify(opts.data);
      else {
        headers["Content-Type"] = type ?? "application/x-www-form-urlencoded";
        body = formEncode(opts.data as Record<string, unknown>);
      }
    }
    const response = await fetch(url, {
      method: opts.method.toUpperCase(),
      headers,
      body,
      redirect: opts.allowRedirects ? "follow" : "manual",
      signal: AbortSignal.timeout(opts.timeout ?? this.timeoutMs),
    });
    const text = await response.text();
    // The body stays text: the SDK JSON-parses string bodies itself (twilio/lib/base/Version.js).
    return new Response(response.status, text as unknown as TData, Object.fromEntries(response.headers));
  }
}
