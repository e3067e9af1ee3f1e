// Shared loader/action bodies of the three extension routes (order, customer, abandoned checkout):
// each route only says how its Shopify GID leads to our customer.
import { json } from "@remix-run/node";
import { z } from "zod";
import { notFound, withExtension } from "./auth.server";
import { replyBodySchema, sendExtensionReply, threadFor, type ExtensionThread } from "./thread.server";

type IdSchema = z.ZodType<bigint, string>;
type Resolve = (shopId: string, id: bigint) => Promise<{ customerId: string | null; extra?: Partial<ExtensionThread> }>;

function parseParam(schema: IdSchema, raw: unknown): bigint | null {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function extensionLoader(schema: IdSchema, resolve: Resolve) {
  return (request: Request, raw: unknown) =>
    withExtension(request, async ({ shop }) => {
      const id = parseParam(schema, raw);
      if (id === null) return json({ error: "Not a Shopify id" }, { status: 400 });
      const { customerId, extra } = await resolve(shop.id, id);
      const thread = await threadFor(shop.id, customerId);
      return json<ExtensionThread>(thread.customer ? { ...thread, ...extra } : thread);
    });
}

export function extensionAction(schema: IdSchema, resolve: Resolve) {
  return (request: Request, raw: unknown) =>
    withExtension(request, async ({ shop, staff }) => {
      if (request.method !== "POST") return json({ error: "Method not allowed" }, { status: 405 });
      const id = parseParam(schema, raw);
      if (id === null) return json({ error: "Not a Shopify id" }, { status: 400 });
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return json({ ok: false, error: "The body must be JSON." }, { status: 400 });
      }
      const reply = replyBodySchema.safeParse(body);
      if (!reply.success) {
        const issue = reply.error.issues[0];
        return json({ ok: false, error: issue.message, field: String(issue.path[0] ?? "") }, { status: 400 });
      }
      const { customerId } = await resolve(shop.id, id);
      if (!customerId) return notFound();
      const result = await sendExtensionReply({ shopId: shop.id, customerId, staff, reply: reply.data });
      if (!result.ok) return json(result, { status: 422 });
      return json(result, { status: result.created ? 201 : 200 });
    });
}
