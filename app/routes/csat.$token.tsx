// POST /csat/<token>: the optional comment from the email survey's thank-you page (form field
// `comment`, at most 1000 characters). Kept only when the answer has no comment yet.
import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../db/client.server";
import { addCsatComment } from "../csat/record-answer.server";
import { notFoundPage, thanksPage } from "../csat/thanks-page";
import { logger } from "../lib/logger.server";

export const loader = () => notFoundPage();

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const token = params.token ?? "";
  const survey =
    token.length <= 64 ? await db().csatSurvey.findUnique({ where: { token }, select: { id: true } }) : null;
  const form = await request.formData().catch(() => null);
  const comment = String(form?.get("comment") ?? "");
  const saved = survey ? await addCsatComment(survey.id, comment) : null;
  if (!saved || saved.score === null) {
    logger.info({ route: "csat" }, "csat comment for an unknown or unanswered survey");
    return notFoundPage();
  }
  return thanksPage(token, saved.score, saved.comment);
};
