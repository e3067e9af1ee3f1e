/** localStorage when the browser allows it (private modes and sandboxed frames may not), else memory. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export function browserStore(): KeyValueStore {
  const memory = new Map<string, string>();
  return {
    get(key) {
      try {
        return localStorage.getItem(key) ?? memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        localStorage.setItem(key, value);
      } catch {
        // Quota or privacy settings: memory keeps it for this page load.
      }
    },
  };
}

export const KEYS = {
  visitorId: "threadline.visitorId",
  /** Sent only in POST bodies, never in a URL; the server keeps only its hash. */
  visitorSecret: "threadline.visitorSecret",
  lastSeenCursor: "threadline.lastSeen",
  lastSentAt: "threadline.lastSentAt",
  email: "threadline.email",
} as const;
