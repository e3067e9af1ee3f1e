// The conversation page reads as one chronological thread: messages are the main items, and each
// run of consecutive non-message events (orders, fulfillments, checkouts, browsing…) becomes one
// compact row that staff can expand. Pure, so it runs the same on server and client.

export interface ThreadEvent {
  kind: "event";
  id: string;
  type: string;
  at: string | Date;
}

export type ThreadEntry<M, E extends ThreadEvent> =
  | { kind: "message"; key: string; message: M }
  | { kind: "event"; key: string; event: E }
  | { kind: "events"; key: string; events: E[]; summary: string };

const CATEGORY: Array<[RegExp, string, string]> = [
  [/^(ORDER_|FULFILLMENT_)/, "order event", "order events"],
  [/^CHECKOUT_/, "checkout event", "checkout events"],
  // The chat widget's BROWSING and the web pixel's views count together (issue 15).
  [/^(BROWSING|PRODUCT_VIEWED|COLLECTION_VIEWED)$/, "page viewed", "pages viewed"],
  [/^ADDED_TO_CART$/, "cart addition", "cart additions"],
];

/** "14 order events", "2 order events, 1 checkout event", "3 events". */
export function summarizeEvents(events: Array<{ type: string }>): string {
  const counts = new Map<string, { n: number; one: string; many: string }>();
  let other = 0;
  for (const e of events) {
    const cat = CATEGORY.find(([re]) => re.test(e.type));
    if (!cat) {
      other++;
      continue;
    }
    const entry = counts.get(cat[1]) ?? { n: 0, one: cat[1], many: cat[2] };
    entry.n++;
    counts.set(cat[1], entry);
  }
  const parts = [...counts.values()].map((c) => `${c.n} ${c.n === 1 ? c.one : c.many}`);
  if (other) parts.push(`${other} other event${other === 1 ? "" : "s"}`);
  if (parts.length > 3) return `${events.length} events`;
  return parts.join(", ");
}

/** Items oldest first → thread entries, consecutive events (two or more) grouped; anything else stands alone. */
export function groupThread<M extends { kind: string; id: string }, E extends ThreadEvent>(
  items: Array<M | E>,
): Array<ThreadEntry<M, E>> {
  const out: Array<ThreadEntry<M, E>> = [];
  let run: E[] = [];
  const flush = () => {
    if (run.length === 1) out.push({ kind: "event", key: run[0].id, event: run[0] });
    else if (run.length > 1)
      out.push({ kind: "events", key: `events-${run[0].id}`, events: run, summary: summarizeEvents(run) });
    run = [];
  };
  for (const item of items) {
    if (item.kind === "event") {
      run.push(item as E);
      continue;
    }
    flush();
    out.push({ kind: "message", key: item.id, message: item as M });
  }
  flush();
  return out;
}
