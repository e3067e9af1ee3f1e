// The one-line timer staff see in the inbox and on the conversation: the earliest running target.
export type SlaDueTimes = {
  firstResponseDueAt: Date | string | null;
  nextResponseDueAt: Date | string | null;
  resolutionDueAt: Date | string | null;
};

const LABELS = [
  ["firstResponseDueAt", "First response"],
  ["nextResponseDueAt", "Next response"],
  ["resolutionDueAt", "Resolution"],
] as const;

/** "42 min", "1 h 5 min", "2 d 3 h". */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const m = minutes % 60;
    return m ? `${Math.floor(minutes / 60)} h ${m} min` : `${minutes / 60} h`;
  }
  const h = Math.floor((minutes % (24 * 60)) / 60);
  return `${Math.floor(minutes / (24 * 60))} d${h ? ` ${h} h` : ""}`;
}

/**
 * "First response due in 42 min" or "Overdue by 1 h 5 min (first response)"; null when no timer
 * runs. Due in rounds up (never "due in 0 min"), overdue rounds down but is at least 1 min.
 */
export function slaTimerText(due: SlaDueTimes, now: Date): { text: string; overdue: boolean } | null {
  const running = LABELS.flatMap(([field, label]) => {
    const value = due[field];
    return value ? [{ label, at: new Date(value).getTime() }] : [];
  }).sort((a, b) => a.at - b.at);
  const first = running[0];
  if (!first) return null;
  const ms = first.at - now.getTime();
  if (ms > 0) return { text: `${first.label} due in ${formatDuration(Math.ceil(ms / 60_000))}`, overdue: false };
  const late = Math.max(1, Math.floor(-ms / 60_000));
  return { text: `Overdue by ${formatDuration(late)} (${first.label.toLowerCase()})`, overdue: true };
}
