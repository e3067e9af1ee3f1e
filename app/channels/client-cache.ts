// A small bounded cache of SDK clients per credential set, so a busy worker reuses HTTP
// keep-alive connections instead of building a new client (and socket pool) per message.
import { createHash } from "node:crypto";

export class ClientCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly max = 200) {}

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
  }
}
