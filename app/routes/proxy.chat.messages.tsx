// Storefront chat API through the Shopify app proxy:
//   POST /proxy/chat/messages  { visitorId, text, email?, replyByEmail?, page?, clientMessageId? }
//        → 201 { message } (200 for a retried clientMessageId)
//   GET  /proxy/chat/messages?visitorId=…&after=<cursor> → 200 { messages, cursor }
// A bad proxy signature answers 401 (app/chat/proxy-auth.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { CHAT_MESSAGES_PER_MINUTE, takeChatMessageSlot } from "../chat/rate-limit.server";
import {
  chatPostSchema,
  decodeCursor,
  listChatMessages,
  postChatMessage,
  replyByEmailProblem,
  visitorIdSchema,
} from "../chat/chat-api.server";
import { chatJson, verifyProxyCaller } from "../chat/proxy-auth.server";
import { readChatBody } from "../chat/read-chat-body.server";
import { logger } from "../lib/logger.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await verifyProxyCaller(request, "proxy-chat");
  if (auth instanceof Response) return auth;
  const params = new URL(request.url).searchParams;
  const visitor = visitorIdSchema.safeParse(params.get("visitorId") ?? "");
  if (!visitor.success) return chatJson({ error: "A valid visitorId is required." }, 400);
  const after = decodeCursor(params.get("after"));
  if (after === "invalid") return chatJson({ error: "Invalid cursor." }, 400);
  const page = await listChatMessages(
    auth.shopId,
    { visitorId: visitor.data, shopifyCustomerId: auth.shopifyCustomerId },
    after,
  );
  return chatJson(page);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return chatJson({ error: "Method Not Allowed" }, 405);
  const auth = await verifyProxyCaller(request, "proxy-chat");
  if (auth instanceof Response) return auth;
  const post = await readChatBody(request, chatPostSchema, {
    shopId: auth.shopId,
    expected: "Send JSON: { visitorId, text }.",
    invalid: "Invalid message.",
    rejectedLog: "chat message rejected",
  });
  if (post instanceof Response) return post;
  const problem = replyByEmailProblem(post);
  if (problem) return chatJson({ error: problem, field: "email" }, 400);
  if (!(await takeChatMessageSlot(auth.shopId, post.visitorId))) {
    logger.info({ shopId: auth.shopId }, "chat message over the per-visitor rate limit");
    return chatJson(
      {
        error: `You're sending messages faster than we can read them (${CHAT_MESSAGES_PER_MINUTE} a minute). Please wait a moment and try again.`,
      },
      429,
    );
  }
  const { message, created } = await postChatMessage(auth.shopId, post, auth.shopifyCustomerId);
  return chatJson({ message }, created ? 201 : 200);
}
