// POST /proxy/chat/history { visitorId, visitorSecret, after? } (through the app proxy): the
// visitor's chat after the cursor → 200 { messages, cursor, hours: { open, nextOpening }, csat } (hours
// from the shop calendar, so the widget need not trust the theme editor's copy; csat: the visitor's
// satisfaction survey to show, or null, app/csat/chat-survey.server.ts). A POST rather than a GET so the
// visitor id and secret never appear in a URL. 401 without the secret, 403 with a wrong one.
import type { ActionFunctionArgs } from "@remix-run/node";
import { shopOpenState } from "../business-hours/calendar.server";
import { chatReadSchema, decodeCursor, listChatMessages } from "../chat/chat-api.server";
import { withVisitorSecret } from "../chat/chat-refusals.server";
import { chatJson, verifyProxyCaller } from "../chat/proxy-auth.server";
import { chatSurveyForVisitor } from "../csat/chat-survey.server";
import { readChatBody } from "../chat/read-chat-body.server";

const ROUTE = "proxy-chat-history";

export async function loader() {
  return chatJson({ error: "Method Not Allowed" }, 405);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return chatJson({ error: "Method Not Allowed" }, 405);
  const auth = await verifyProxyCaller(request, ROUTE);
  if (auth instanceof Response) return auth;
  const body = await readChatBody(request, chatReadSchema, {
    shopId: auth.shopId,
    expected: "Send JSON: { visitorId, visitorSecret, after? }.",
    invalid: "Invalid request.",
    rejectedLog: "chat history request rejected",
  });
  if (body instanceof Response) return body;
  const after = decodeCursor(body.after ?? null);
  if (after === "invalid") return chatJson({ error: "Invalid cursor.", field: "after" }, 400);
  const facts = { visitorId: body.visitorId, secret: body.visitorSecret, shopifyCustomerId: auth.shopifyCustomerId };
  const page = await withVisitorSecret(auth.shopId, ROUTE, async () => {
    const messages = await listChatMessages(auth.shopId, facts, after);
    return { ...messages, csat: await chatSurveyForVisitor(auth.shopId, facts) };
  });
  return page instanceof Response ? page : chatJson({ ...page, hours: await shopOpenState(auth.shopId) });
}
