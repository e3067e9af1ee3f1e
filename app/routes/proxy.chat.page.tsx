// POST /proxy/chat/page { visitorId, page } (through the app proxy): the page the shopper is on
// while a conversation is active. 202 when recorded, 204 when the visitor has no conversation.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { visitorIdSchema } from "../chat/chat-api.server";
import { chatJson, verifyProxyCaller } from "../chat/proxy-auth.server";
import { readChatBody } from "../chat/read-chat-body.server";
import { recordVisitorPage, visitorPageSchema } from "../chat/visitor-page.server";

const bodySchema = z.object({ visitorId: visitorIdSchema, page: visitorPageSchema });

export async function loader() {
  return chatJson({ error: "Method Not Allowed" }, 405);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return chatJson({ error: "Method Not Allowed" }, 405);
  const auth = await verifyProxyCaller(request, "proxy-chat-page");
  if (auth instanceof Response) return auth;
  const body = await readChatBody(request, bodySchema, {
    shopId: auth.shopId,
    expected: "Send JSON: { visitorId, page }.",
    invalid: "Invalid page.",
    rejectedLog: "chat page report rejected",
  });
  if (body instanceof Response) return body;
  const recorded = await recordVisitorPage(
    auth.shopId,
    { visitorId: body.visitorId, shopifyCustomerId: auth.shopifyCustomerId },
    body.page,
  );
  return chatJson({}, recorded ? 202 : 204);
}
