// The satisfaction figures for a period: surveys sent, answered, response rate, average score and
// CSAT (the share of answers that are 4 or 5, the usual definition). Counted by when the survey was
// sent (response rate) and answered (scores).
import { db } from "../db/client.server";

export interface CsatKpis {
  sent: number;
  answered: number;
  /** answered ÷ sent among surveys sent in the period; null when none was sent. */
  responseRate: number | null;
  /** Mean score of answers given in the period; null without answers. */
  averageScore: number | null;
  /** Share of answers in the period scoring 4 or 5; null without answers. */
  csat: number | null;
  skipped: number;
}

export async function csatKpis(shopId: string, since: Date, until: Date = new Date()): Promise<CsatKpis> {
  const [sent, sentAndAnswered, answers, satisfied, skipped] = await Promise.all([
    db().csatSurvey.count({ where: { shopId, sentAt: { gte: since, lt: until } } }),
    db().csatSurvey.count({ where: { shopId, sentAt: { gte: since, lt: until }, state: "ANSWERED" } }),
    db().csatSurvey.aggregate({
      where: { shopId, answeredAt: { gte: since, lt: until }, state: "ANSWERED" },
      _count: { _all: true },
      _avg: { score: true },
    }),
    db().csatSurvey.count({
      where: { shopId, answeredAt: { gte: since, lt: until }, state: "ANSWERED", score: { gte: 4 } },
    }),
    db().csatSurvey.count({ where: { shopId, createdAt: { gte: since, lt: until }, state: "SKIPPED" } }),
  ]);
  const answered = answers._count._all;
  return {
    sent,
    answered,
    responseRate: sent > 0 ? sentAndAnswered / sent : null,
    averageScore: answers._avg.score === null ? null : Math.round(answers._avg.score * 100) / 100,
    csat: answered > 0 ? satisfied / answered : null,
    skipped,
  };
}
