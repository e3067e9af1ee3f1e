// POST /proxy/chat/page { visitorId, visitorSecret, page } (through the app proxy): the page the
// shopper is on while a conversation is active. 202 when recorded, 204 when the visitor has no
// conversation; 401 without the visitor secret, 403 with a wrong one.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { visitorIdSchema } from "../chat/chat-api.server";
import { withVisitorSecret } from "../chat/chat-refusals.server";
import { chatJson, verifyProxyCaller } from "../chat/proxy-auth.server";
import { readChatBody } from "../chat/read-chat-body.server";
import { recordVisitorPage, visitorPageSchema } from "../chat/visitor-page.server";
import { visitorSecretSchema } from "../chat/visitor-secret.server";

const ROUTE = "proxy-chat-page";
const bodySchema = z.object({
  visitorId: visitorIdSchema,
  visitorSecret: visitorSecretSchema.optional(),
  page: visitorPageSchema,
});

export async function loader() {
  return chatJson({ error: "Method Not Allowed" }, 405);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return chatJson({ error: "Method Not Allowed" }, 405);
  const auth = await verifyProxyCaller(request, ROUTE);
  if (auth instanceof Response) return auth;
  const body = await readChatBody(request, bodySchema, {
    shopId: auth.shopId,
    expected: "Send JSON: { visitorId, visitorSecret, page }.",
    invalid: "Invalid page.",
    rejectedLog: "chat page report rejected",
  });
  if (body instanceof Response) return body;
  const recorded = await withVisitorSecret(auth.shopId, ROUTE, () =>
    recordVisitorPage(
      auth.shopId,
      { visitorId: body.visitorId, secret: body.visitorSecret, shopifyCustomerId: auth.shopifyCustomerId },
      body.page,
    ),
  );
  if (recorded instanceof Response) return recorded;
  return chatJson({}, recorded ? 202 : 204);
}
