// GET /csat/<token>/<score>: the one-click links of an email survey (app/csat/). Records the
// score (the first one wins) and shows a small thank-you page with an optional comment form.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { answerCsatByToken } from "../csat/record-answer.server";
import { notFoundPage, thanksPage } from "../csat/thanks-page";
import { logger } from "../lib/logger.server";

export const loader = async ({ params }: LoaderFunctionArgs) => {
  const token = params.token ?? "";
  const score = /^[1-5]$/.test(params.score ?? "") ? Number(params.score) : null;
  const survey = score !== null && token.length <= 64 ? await answerCsatByToken(token, score) : null;
  if (!survey || survey.score === null) {
    logger.info({ route: "csat" }, "csat link with an unknown token or score");
    return notFoundPage();
  }
  return thanksPage(token, survey.score, survey.comment);
};
