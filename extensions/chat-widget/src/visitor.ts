import { VISITOR_ID_PATTERN, randomId } from "./ids";
import { KEYS, type KeyValueStore } from "./storage";

/** The browser's chat identity: an id that names the chat and a secret that proves it is ours. */
export interface Visitor {
  id: string;
  secret: string;
}

const SECRET_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;

/** A fresh visitor: 132 random bits of id, 192 of secret (crypto.getRandomValues), both stored. */
export function newVisitor(store: KeyValueStore): Visitor {
  const visitor = { id: randomId(22), secret: randomId(32) };
  store.set(KEYS.visitorId, visitor.id);
  store.set(KEYS.visitorSecret, visitor.secret);
  return visitor;
}

/**
 * The visitor that follows this browser across page loads (and visits, while stored). An id kept
 * without a secret (from before secrets existed) is replaced: the server will not hand it out.
 */
export function loadVisitor(store: KeyValueStore): Visitor {
  const id = store.get(KEYS.visitorId);
  const secret = store.get(KEYS.visitorSecret);
  if (id && secret && VISITOR_ID_PATTERN.test(id) && SECRET_PATTERN.test(secret)) return { id, secret };
  return newVisitor(store);
}
