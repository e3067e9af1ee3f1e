// Storefront chat API through the Shopify app proxy:
//   POST /proxy/chat/messages  { visitorId, text, email?, clientMessageId? } → 201 { message }
//   GET  /proxy/chat/messages?visitorId=…&after=<cursor> → 200 { messages, cursor }
// Shopify signs every proxied request (query param `signature`); a bad signature answers 401.
// The shop comes from the signed `shop` param; logged_in_customer_id (signed too) links the chat
// to the signed-in customer.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { CHAT_MESSAGES_PER_MINUTE, takeChatMessageSlot } from "../chat/rate-limit.server";
import {
  chatPostSchema,
  decodeCursor,
  listChatMessages,
  postChatMessage,
  visitorIdSchema,
} from "../chat/chat-api.server";
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import { authenticate } from "../shopify.server";
import { BodyTooLargeError, readBodyWithLimit } from "../webhooks/read-body.server";

const MAX_BODY_BYTES = 32 * 1024;

function jsonResponse(data: unknown, status = 200): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The shop and signed-in customer of a verified proxy request, or the error response. */
async function verified(request: Request): Promise<{ shopId: string; shopifyCustomerId: bigint | null } | Response> {
  try {
    await authenticate.public.appProxy(request);
  } catch (err) {
    if (err instanceof Response) {
      logger.warn({ route: "proxy-chat" }, "app proxy request with an invalid signature");
      return jsonResponse({ error: "Invalid signature" }, 401);
    }
    throw err;
  }
  const params = new URL(request.url).searchParams;
  const shop = await db().shop.findUnique({
    where: { domain: params.get("shop") ?? "" },
    select: { id: true, uninstalledAt: true },
  });
  if (!shop || shop.uninstalledAt) return jsonResponse({ error: "Chat is not available for this store." }, 404);
  const loggedIn = params.get("logged_in_customer_id") ?? "";
  return { shopId: shop.id, shopifyCustomerId: /^\d{1,19}$/.test(loggedIn) ? BigInt(loggedIn) : null };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await verified(request);
  if (auth instanceof Response) return auth;
  const params = new URL(request.url).searchParams;
  const visitor = visitorIdSchema.safeParse(params.get("visitorId") ?? "");
  if (!visitor.success) return jsonResponse({ error: "A valid visitorId is required." }, 400);
  const after = decodeCursor(params.get("after"));
  if (after === "invalid") return jsonResponse({ error: "Invalid cursor." }, 400);
  const page = await listChatMessages(
    auth.shopId,
    { visitorId: visitor.data, shopifyCustomerId: auth.shopifyCustomerId },
    after,
  );
  return jsonResponse(page);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonResponse({ error: "Method Not Allowed" }, 405);
  const auth = await verified(request);
  if (auth instanceof Response) return auth;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(await readBodyWithLimit(request, MAX_BODY_BYTES)).toString("utf8"));
  } catch (err) {
    if (err instanceof BodyTooLargeError) return jsonResponse({ error: "That message is too long." }, 413);
    return jsonResponse({ error: "Send JSON: { visitorId, text }." }, 400);
  }
  const parsed = chatPostSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return jsonResponse({ error: issue?.message ?? "Invalid message.", field: issue?.path.join(".") }, 400);
  }
  if (!(await takeChatMessageSlot(auth.shopId, parsed.data.visitorId))) {
    return jsonResponse(
      {
        error: `You're sending messages faster than we can read them (${CHAT_MESSAGES_PER_MINUTE} a minute). Please wait a moment and try again.`,
      },
      429,
    );
  }
  const { message, created } = await postChatMessage(auth.shopId, parsed.data, auth.shopifyCustomerId);
  return jsonResponse({ message }, created ? 201 : 200);
}
