// Shopify access tokens are secrets: this wrapper seals them before the Prisma
// session storage writes them and opens them after it reads.
import type { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { decryptSecret, encryptSecret, isEncrypted } from "../lib/crypto.server";

function sealed(session: Session): Session {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(session)), session) as Session;
  if (copy.accessToken && !isEncrypted(copy.accessToken)) copy.accessToken = encryptSecret(copy.accessToken);
  if (copy.refreshToken && !isEncrypted(copy.refreshToken)) copy.refreshToken = encryptSecret(copy.refreshToken);
  return copy;
}

function opened<T extends Session | undefined>(session: T): T {
  if (!session) return session;
  if (session.accessToken && isEncrypted(session.accessToken)) session.accessToken = decryptSecret(session.accessToken);
  if (session.refreshToken && isEncrypted(session.refreshToken)) {
    session.refreshToken = decryptSecret(session.refreshToken);
  }
  return session;
}

export class EncryptedSessionStorage implements SessionStorage {
  constructor(private readonly inner: SessionStorage) {}

  storeSession(session: Session) {
    return this.inner.storeSession(sealed(session));
  }

  async loadSession(id: string) {
    return opened(await this.inner.loadSession(id));
  }

  deleteSession(id: string) {
    return this.inner.deleteSession(id);
  }

  deleteSessions(ids: string[]) {
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string) {
    return (await this.inner.findSessionsByShop(shop)).map((s) => opened(s));
  }
}
