export const NAV_ITEMS = [
  { label: "Inbox", url: "/app/inbox" },
  { label: "Routing", url: "/app/routing" },
  { label: "Customers", url: "/app/customers" },
  { label: "Saved replies", url: "/app/saved-replies" },
  { label: "Knowledge", url: "/app/knowledge" },
  { label: "Flows", url: "/app/flows" },
  { label: "Channels", url: "/app/channels" },
  { label: "Analytics", url: "/app/analytics" },
  { label: "Business hours", url: "/app/settings/hours" },
  { label: "SLAs", url: "/app/settings/sla" },
  { label: "Team", url: "/app/settings/team" },
] as const;
