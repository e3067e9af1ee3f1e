// A small bounded cache of SDK clients per credential set, so a busy worker reuses HTTP
// keep-alive connections instead of building a new client (and socket pool) per message.
import { createHash } from "node:crypto";

export class ClientCache<T> {
  private readonly entries = new Map<string, T>();
  // The client last found for a credentials object, by identity: a batch sends hundreds of
  // messages with one loaded connection, and hashing its secrets per message showed in profiles.
  private byOwner = new WeakMap<object, { parts: Array<string | undefined>; client: T }>();
  constructor(private readonly max = 200) {}

  /** As get(), remembered for `owner` (the connection object the parts come from). */
  getFor(owner: object, parts: Array<string | undefined>, build: () => T): T {
    const known = this.byOwner.get(owner);
    if (known && known.parts.length === parts.length && known.parts.every((p, i) => p === parts[i]))
      return known.client;
    const client = this.get(parts, build);
    this.byOwner.set(owner, { parts, client });
    return client;
  }

  get(parts: Array<string | undefined>, build: () => T): T {
    // Hashed so the map never holds a plain secret as a key.
    const key = createHash("sha256")
      .update(parts.map((p) => p ?? "").join("\u0000"))
      .digest("hex");
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const built = build();
    this.entries.set(key, built);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return built;
  }

  clear() {
    this.entries.clear();
    this.byOwner = new WeakMap();
  }
}
