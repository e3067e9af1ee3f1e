// Storefront chat API through the Shopify app proxy:
//   POST /proxy/chat/messages  { visitorId, visitorSecret, text, email?, replyByEmail?, page?, clientMessageId? }
//        → 201 { message } (200 for a retried clientMessageId)
// Reading is POST /proxy/chat/history (proxy.chat.history.tsx): ids and secrets never ride in a URL.
// A bad proxy signature answers 401 (app/chat/proxy-auth.server.ts); a missing visitor secret 401,
// a wrong one 403; too fast or too many new chats 429 (app/chat/chat-admission.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { admitChatMessage } from "../chat/chat-admission.server";
import { chatPostSchema, postChatMessage, replyByEmailProblem } from "../chat/chat-api.server";
import { admissionRefusal, withVisitorSecret } from "../chat/chat-refusals.server";
import { chatJson, verifyProxyCaller } from "../chat/proxy-auth.server";
import { readChatBody } from "../chat/read-chat-body.server";

const ROUTE = "proxy-chat";

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await verifyProxyCaller(request, ROUTE);
  if (auth instanceof Response) return auth;
  return chatJson({ error: "Read the chat with POST /chat/history." }, 405);
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return chatJson({ error: "Method Not Allowed" }, 405);
  const auth = await verifyProxyCaller(request, ROUTE);
  if (auth instanceof Response) return auth;
  const post = await readChatBody(request, chatPostSchema, {
    shopId: auth.shopId,
    expected: "Send JSON: { visitorId, visitorSecret, text }.",
    invalid: "Invalid message.",
    rejectedLog: "chat message rejected",
  });
  if (post instanceof Response) return post;
  const problem = replyByEmailProblem(post);
  if (problem) return chatJson({ error: problem, field: "email" }, 400);
  const admission = await admitChatMessage(auth, { visitorId: post.visitorId, secret: post.visitorSecret });
  if (!admission.ok) return admissionRefusal(admission, auth.shopId, ROUTE);
  const stored = await withVisitorSecret(auth.shopId, ROUTE, () =>
    postChatMessage(auth.shopId, post, auth.shopifyCustomerId),
  );
  if (stored instanceof Response) return stored;
  return chatJson({ message: stored.message }, stored.created ? 201 : 200);
}
