// One ConversationActivity as a line of plain text ("Assigned to Ana Lima by Sam Lee"), for the
// conversation page and the order-page block. Pure, so server and client say the same; the names
// are data, rendered as text, never as HTML.

export interface ActivityEntry {
  kind: string;
  actorType: string;
  actorName: string | null;
  detail: unknown;
}

const STATUS_WORDS: Record<string, string> = {
  RESOLVED: "Resolved",
  OPEN: "Reopened",
  PENDING: "Marked pending",
  SNOOZED: "Snoozed",
};

const cap = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();

function by(entry: ActivityEntry): string {
  const name = entry.actorName?.trim();
  if (entry.actorType === "FLOW") return ` by ${name || "Shopify Flow"}`;
  if (entry.actorType === "RULE") return name ? ` by rule "${name}"` : " by a routing rule";
  if (entry.actorType === "SYSTEM") return " automatically";
  return name ? ` by ${name}` : "";
}

function detailOf(entry: ActivityEntry): Record<string, unknown> {
  return entry.detail && typeof entry.detail === "object" ? (entry.detail as Record<string, unknown>) : {};
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export function activityText(entry: ActivityEntry): string {
  const d = detailOf(entry);
  const who = by(entry);
  switch (entry.kind) {
    case "assigned":
      return `Assigned to ${text(d.assigneeName) ?? "someone"}${who}`;
    case "reassigned":
      return `Reassigned to ${text(d.assigneeName) ?? "someone"}${who}`;
    case "unassigned":
      return `Unassigned${who}`;
    case "team_changed":
      return text(d.teamName) ? `Team set to ${text(d.teamName)}${who}` : `Team removed${who}`;
    case "status_changed": {
      const to = text(d.to) ?? "";
      return `${STATUS_WORDS[to] ?? `Status set to ${cap(to)}`}${who}`;
    }
    case "priority_changed":
      return `Priority set to ${cap(text(d.to) ?? "normal")}${who}`;
    case "tags_changed": {
      const parts = [];
      const added = list(d.added);
      const removed = list(d.removed);
      if (added.length) parts.push(`added ${added.join(", ")}`);
      if (removed.length) parts.push(`removed ${removed.join(", ")}`);
      return `Tags ${parts.join("; ") || "changed"}${who}`;
    }
    case "routed":
      return `Routed${text(d.assigneeName) ? ` to ${text(d.assigneeName)}` : ""}${who}`;
    case "escalated":
      return `Escalated${text(d.assigneeName) ? ` to ${text(d.assigneeName)}` : ""}${who}`;
    case "marked_spam":
      return `Marked as spam${who}`;
    default:
      return `${cap(entry.kind.replace(/_/g, " "))}${who}`;
  }
}
