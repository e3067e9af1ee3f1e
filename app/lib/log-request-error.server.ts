// Remix hands every error of a request to entry.server's handleError. Its default
// prints the whole stack, so a browser asking for /favicon.ico filled the log with
// 20 lines. A 4xx (no such route, a loader's 404) is the visitor's mistake: one
// line. A 5xx is ours: logged with its stack so it can be fixed.
import { isRouteErrorResponse } from "@remix-run/react";
import { logger } from "./logger.server";

export function logRequestError(error: unknown, request: Request): void {
  if (request.signal.aborted) return; // the client went away; nothing went wrong
  const { pathname } = new URL(request.url);
  if (isRouteErrorResponse(error) && error.status < 500) {
    logger.info({ method: request.method, path: pathname, status: error.status }, error.statusText || "client error");
    return;
  }
  logger.error({ err: error, method: request.method, path: pathname }, "request failed");
}
