// Tiny shared plumbing for the vendor stand-ins: listening, body reading, replying.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";

export interface ListenOptions {
  port?: number;
  host?: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function serve(
  handler: Handler,
  { port = 0, host = "127.0.0.1" }: ListenOptions = {},
): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake.local");
    Promise.resolve(handler(req, res, url)).catch((err: unknown) => {
      // A bug in a fake must be loud in the test, not a hung request.
      if (!res.headersSent) sendJson(res, 500, { fakeError: String(err) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${hostForUrl}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SDK clients keep sockets alive; without this close() waits for their idle timeout.
        server.closeAllConnections();
      }),
  };
}

export async function readBody(req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function basicAuth(req: IncomingMessage): { username: string; password: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim();
}

export const randomHex = (bytes: number) => randomBytes(bytes).toString("hex");
export const randomId = (bytes: number) => randomBytes(bytes).toString("base64url");
