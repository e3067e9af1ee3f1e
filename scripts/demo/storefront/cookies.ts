import type { IncomingMessage } from "node:http";

export function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function cookieHeader(name: string, value: string | null, path: string): string {
  return value === null
    ? `${name}=; Path=${path}; Max-Age=0; SameSite=Lax`
    : `${name}=${encodeURIComponent(value)}; Path=${path}; SameSite=Lax; HttpOnly`;
}
