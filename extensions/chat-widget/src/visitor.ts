import { VISITOR_ID_PATTERN, randomId } from "./ids";
import { KEYS, type KeyValueStore } from "./storage";

/** The anonymous id that follows this browser across page loads (and across visits, while stored). */
export function visitorId(store: KeyValueStore): string {
  const existing = store.get(KEYS.visitorId);
  if (existing && VISITOR_ID_PATTERN.test(existing)) return existing;
  const created = randomId(22);
  store.set(KEYS.visitorId, created);
  return created;
}
