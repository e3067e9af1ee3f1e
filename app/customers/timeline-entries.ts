// The customer timeline's order: flow steps that were not sent sit among the events, by when
// they stopped, newest first.
export type TimelineEntry<E, S> =
  { key: string; at: number; step: S; event?: never } | { key: string; at: number; event: E; step?: never };

export function interleaveNotSent<
  E extends { id: string; occurredAt: string | Date },
  S extends { id: string; endedAt: string | Date },
>(events: E[], notSent: S[]): TimelineEntry<E, S>[] {
  const entries: TimelineEntry<E, S>[] = [
    ...events.map((event) => ({ key: event.id, at: new Date(event.occurredAt).getTime(), event })),
    ...notSent.map((step) => ({ key: `step-${step.id}`, at: new Date(step.endedAt).getTime(), step })),
  ];
  return entries.sort((a, b) => b.at - a.at);
}
