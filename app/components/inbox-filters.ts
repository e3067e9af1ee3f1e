// Inbox filter values, shared by the inbox route's component and its query (no server code).
export const STATUS_FILTERS = ["OPEN", "PENDING", "SNOOZED", "RESOLVED", "ALL"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const CHANNEL_FILTERS = ["SMS", "WHATSAPP", "EMAIL", "CHAT", "INSTAGRAM", "MESSENGER"] as const;
export const ASSIGNEE_FILTERS = ["anyone", "me", "unassigned"] as const;
export type AssigneeFilter = (typeof ASSIGNEE_FILTERS)[number];
