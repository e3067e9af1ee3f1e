import type { Session } from "@shopify/shopify-api";
import { sessionStorage } from "../../shopify.server";
import { MissingOfflineSessionError } from "./errors";

export function offlineSessionId(shopDomain: string): string {
  return `offline_${shopDomain}`;
}

/** The shop's offline session (access token decrypted), or a clear error when the shop never granted one. */
export async function loadOfflineSession(shopDomain: string): Promise<Session & { accessToken: string }> {
  const session = await sessionStorage.loadSession(offlineSessionId(shopDomain));
  if (!session?.accessToken) throw new MissingOfflineSessionError(shopDomain);
  return session as Session & { accessToken: string };
}
