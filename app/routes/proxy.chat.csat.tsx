// POST /proxy/chat/csat { visitorId, visitorSecret, surveyId, score, comment? } (through the app
// proxy): the widget's stars for the visitor's own chat survey (app/csat/chat-survey.server.ts).
// 201 { csat } recorded; 200 { csat } when it was already answered (the first answer stays);
// 404 for a survey that is not this visitor's or can no longer be answered; 400 naming the field;
// 401 without the visitor secret, 403 with a wrong one.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { visitorIdSchema } from "../chat/chat-api.server";
import { withVisitorSecret } from "../chat/chat-refusals.server";
import { chatJson, verifyProxyCaller } from "../chat/proxy-auth.server";
import { readChatBody } from "../chat/read-chat-body.server";
import { visitorSecretSchema } from "../chat/visitor-secret.server";
import { answerChatSurvey, chatCsatAnswerSchema } from "../csat/chat-survey.server";
import { logger } from "../lib/logger.server";

const ROUTE = "proxy-chat-csat";
const bodySchema = chatCsatAnswerSchema.extend({
  visitorId: visitorIdSchema,
  visitorSecret: visitorSecretSchema.optional(),
});

export async function loader() {
  return chatJson({ error: "Method Not Allowed" }, 405);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return chatJson({ error: "Method Not Allowed" }, 405);
  const auth = await verifyProxyCaller(request, ROUTE);
  if (auth instanceof Response) return auth;
  const body = await readChatBody(request, bodySchema as z.ZodType<z.infer<typeof bodySchema>>, {
    shopId: auth.shopId,
    expected: "Send JSON: { visitorId, visitorSecret, surveyId, score, comment? }.",
    invalid: "Invalid answer.",
    rejectedLog: "chat csat answer rejected",
  });
  if (body instanceof Response) return body;
  const { visitorId, visitorSecret, ...answer } = body;
  const result = await withVisitorSecret(auth.shopId, ROUTE, () =>
    answerChatSurvey(
      auth.shopId,
      { visitorId, secret: visitorSecret, shopifyCustomerId: auth.shopifyCustomerId },
      answer,
    ),
  );
  if (result instanceof Response) return result;
  if (!result) {
    logger.info({ shopId: auth.shopId, route: ROUTE }, "chat csat answer for a survey the visitor cannot answer");
    return chatJson({ error: "This survey is no longer available.", code: "csat_not_found" }, 404);
  }
  return chatJson({ csat: result.csat }, result.recorded ? 201 : 200);
}
