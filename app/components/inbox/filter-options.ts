// The inbox list's filter menus.
import { humanize } from "../format";
import { CHANNEL_FILTERS } from "../inbox-filters";
import { CHANNEL_LABELS } from "../StatusBadges";

export const STATUS_OPTIONS = [
  { label: "Open", value: "OPEN" },
  { label: "Pending", value: "PENDING" },
  { label: "Snoozed", value: "SNOOZED" },
  { label: "Resolved", value: "RESOLVED" },
  { label: "All statuses", value: "ALL" },
];
export const CHANNEL_OPTIONS = [
  { label: "Any channel", value: "" },
  ...CHANNEL_FILTERS.map((c) => ({ label: CHANNEL_LABELS[c] ?? humanize(c), value: c })),
];
export const ASSIGNEE_OPTIONS = [
  { label: "Anyone", value: "anyone" },
  { label: "Assigned to me", value: "me" },
  { label: "Unassigned", value: "unassigned" },
];
export const VIEW_OPTIONS = [
  { label: "All conversations", value: "" },
  { label: "Queue: unassigned, longest waiting first", value: "queue" },
];
