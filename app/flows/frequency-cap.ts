// The marketing frequency cap: at most `maxPerWindow` marketing messages per
// customer per channel in any `windowHours` sliding window.

export interface FrequencyCap {
  maxPerWindow: number;
  windowHours: number;
}

/** null when another message may go now, otherwise the instant the oldest counted message leaves the window. */
export function frequencyCapAllowsAt(recentSends: Date[], cap: FrequencyCap, now: Date): Date | null {
  if (cap.maxPerWindow <= 0) return null; // 0 = no cap
  const windowMs = cap.windowHours * 3600_000;
  const from = now.getTime() - windowMs;
  const inWindow = recentSends
    .map((d) => d.getTime())
    .filter((t) => t > from && t <= now.getTime())
    .sort((a, b) => b - a);
  if (inWindow.length < cap.maxPerWindow) return null;
  // With the newest `maxPerWindow` sends in the window, one more is allowed when
  // the oldest of them leaves it.
  const oldestCounted = inWindow[cap.maxPerWindow - 1];
  return new Date(oldestCounted + windowMs);
}
