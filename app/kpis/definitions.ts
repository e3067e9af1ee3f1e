// The exact definition of every support KPI, shown beside the metric on the Analytics page and
// copied into the README ("### KPI dashboard"). One place, so the page, the README and the SQL in
// support.server.ts cannot drift apart: change a definition here and in the query together.

export const SUPPORT_KPI_KEYS = [
  "firstResponse",
  "replyTime",
  "resolution",
  "csatScore",
  "csatSatisfied",
  "csatResponseRate",
  "slaMet",
  "volume",
  "backlog",
  "resolvedWithoutPerson",
] as const;
export type SupportKpiKey = (typeof SUPPORT_KPI_KEYS)[number];

export const TIME_BUCKETS = [
  { key: "0-1h", label: "0–1 h", fromSeconds: 0, toSeconds: 3_600 },
  { key: "1-4h", label: "1–4 h", fromSeconds: 3_600, toSeconds: 14_400 },
  { key: "4-8h", label: "4–8 h", fromSeconds: 14_400, toSeconds: 28_800 },
  { key: "8-24h", label: "8–24 h", fromSeconds: 28_800, toSeconds: 86_400 },
  { key: "24h+", label: "24 h+", fromSeconds: 86_400, toSeconds: null },
] as const;
export type TimeBucketKey = (typeof TIME_BUCKETS)[number]["key"];

export const SUPPORT_KPI_DEFINITIONS: Record<SupportKpiKey, { label: string; definition: string }> = {
  firstResponse: {
    label: "First response time",
    definition:
      "Per resolution cycle whose first staff reply was sent in the period: the time from the cycle's opening (the first customer message of a new or reopened conversation, or a staff reopen) to the first reply a person sent to the customer (not a note, not an automatic answer). Median and 90th percentile (linear interpolation, rounded to whole seconds), wall-clock and in business hours of the shop calendar (whole minutes). Buckets: 0–1 h, 1–4 h, 4–8 h, 8–24 h, 24 h+ (lower bound included).",
  },
  replyTime: {
    label: "Reply time",
    definition:
      "Per staff reply sent in the period that answered a waiting customer: the time since the oldest customer message of the cycle that no earlier staff reply answered. Replies with no customer message waiting are not counted. Median, 90th percentile and buckets as for first response.",
  },
  resolution: {
    label: "Resolution time",
    definition:
      "Per resolution cycle resolved in the period: from the cycle's opening to its resolve. A reopened conversation starts a new cycle, so each resolve counts once. Median and 90th percentile, wall-clock and in business hours.",
  },
  csatScore: {
    label: "CSAT score",
    definition: "Average score (1–5) of the satisfaction surveys answered in the period.",
  },
  csatSatisfied: {
    label: "Satisfied (4–5)",
    definition: "Share of the surveys answered in the period with a score of 4 or 5.",
  },
  csatResponseRate: {
    label: "CSAT response rate",
    definition:
      "Of the surveys sent in the period (sentAt in the period), the share answered so far. Surveys skipped (opted out, no channel) were never sent and are not counted.",
  },
  slaMet: {
    label: "SLAs met",
    definition:
      "Of the resolution cycles resolved in the period whose conversation's priority has at least one SLA target (SLAs on in Settings, current policy), the share with no recorded SLA breach (first response, next response or resolution) due between the cycle's opening and its resolve.",
  },
  volume: {
    label: "Conversations",
    definition:
      "Resolution cycles opened in the period (new conversations and reopened ones), by the channel of the message that opened them, by day and by hour of day in the shop's time zone.",
  },
  backlog: {
    label: "Backlog now",
    definition:
      "Conversations not resolved right now (open, pending or snoozed), and how many of them have no assignee. Not tied to the period; the channel, team and person filters apply (channel: the last inbound channel).",
  },
  resolvedWithoutPerson: {
    label: "Resolved with no person",
    definition:
      "Of the resolution cycles resolved in the period, the share resolved within 72 hours of opening with no person involved (no staff reply, note, assignment by staff or Shopify Flow, or staff reopen in the cycle; an assignment by a routing rule alone does not count).",
  },
};

export const FILTER_DEFINITION =
  "Filters: channel is the cycle's channel (reply time: the reply's channel; CSAT: the survey's channel); team and person are the cycle's team and assignee when it was resolved, or now while it is open (reply time: the replying staff member; CSAT: the conversation's current team and assignee).";
