// POST /proxy/chat/page { visitorId, page } (through the app proxy): the page the shopper is on
// while a conversation is active. 202 when recorded, 204 when the visitor has no conversation.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { visitorIdSchema } from "../chat/chat-api.server";
import { chatJson, verifyProxyCaller } from "../chat/proxy-auth.server";
import { readChatJson } from "../chat/read-chat-json.server";
import { recordVisitorPage, visitorPageSchema } from "../chat/visitor-page.server";
import { logger } from "../lib/logger.server";

const bodySchema = z.object({ visitorId: visitorIdSchema, page: visitorPageSchema });

export async function loader() {
  return chatJson({ error: "Method Not Allowed" }, 405);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return chatJson({ error: "Method Not Allowed" }, 405);
  const auth = await verifyProxyCaller(request, "proxy-chat-page");
  if (auth instanceof Response) return auth;
  const raw = await readChatJson(request, "Send JSON: { visitorId, page }.");
  if (raw instanceof Response) return raw;
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    logger.info({ shopId: auth.shopId, field: issue?.path.join(".") }, "chat page report rejected");
    return chatJson({ error: issue?.message ?? "Invalid page.", field: issue?.path.join(".") }, 400);
  }
  const recorded = await recordVisitorPage(
    auth.shopId,
    { visitorId: parsed.data.visitorId, shopifyCustomerId: auth.shopifyCustomerId },
    parsed.data.page,
  );
  return chatJson({}, recorded ? 202 : 204);
}
