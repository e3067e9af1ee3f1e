// twilio-node's HTTP layer on node:http/https with keep-alive agents instead of axios: the same
// request (Basic auth, form-encoded body with repeated keys, query string, timeout, no redirects)
// and the same { statusCode, body, headers } answer the SDK parses. Measured against the Twilio
// stand-in, a send costs about a third of the CPU it costs through axios or fetch, and every SMS
// and WhatsApp message of the app goes through here. Transport errors keep node's errno codes
// (ECONNREFUSED before sending, ECONNRESET/ETIMEDOUT after), which app/channels/failures.ts
// classifies as not sent / may have been sent.
import http from "node:http";
import https from "node:https";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
// Type only: the class is CommonJS with a default export, which Node's ESM interop (npm start, the
// worker) would hand over as a namespace, not a constructor; the SDK only reads the three fields.
import type TwilioResponse from "twilio/lib/http/response";

type RequestOptions<T> = RequestClient.RequestOptions<T>;

const DEFAULT_TIMEOUT_MS = 30_000;
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

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

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`Twilio did not answer within ${ms} ms`), { code: "ETIMEDOUT" });
}

export class NodeHttpRequestClient extends twilio.RequestClient {
  private readonly rewriteUri: (uri: string) => string;
  private readonly timeoutMs: number;

  constructor(opts: RequestClient.RequestClientOptions & { rewrite?: (uri: string) => string } = {}) {
    super(opts);
    this.rewriteUri = opts.rewrite ?? ((uri) => uri);
    this.timeoutMs = opts.timeout ?? DEFAULT_TIMEOUT_MS;
  }

  override async request<TData>(opts: RequestOptions<TData>): Promise<TwilioResponse<TData>> {
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
      headers["Content-Length"] = String(Buffer.byteLength(body));
    }
    const timeout = opts.timeout ?? this.timeoutMs;
    const transport = url.protocol === "https:" ? https : http;
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) throw Object.assign(new Error(`Unsupported URL ${url.protocol}`), { code: "ERR_INVALID_URL" });
    return new Promise((resolve, reject) => {
      const request = transport.request(url, { method: opts.method.toUpperCase(), headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          resolve({
            statusCode: response.statusCode ?? 0,
            // The body stays text: the SDK JSON-parses string bodies itself (twilio/lib/base/Version.js).
            body: Buffer.concat(chunks).toString("utf8") as unknown as TData,
            headers: response.headers,
          } as TwilioResponse<TData>),
        );
      });
      request.setTimeout(timeout, () => request.destroy(timeoutError(timeout)));
      request.on("error", reject);
      request.end(body);
    });
  }
}
