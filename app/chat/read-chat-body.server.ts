// Chat bodies are tiny: anything over the cap is refused before it is buffered (413), a body that
// is not JSON is a 400 naming the expected shape, and one that fails its schema is a 400 naming the
// first field at fault (the widget shows the message beside that field).
import type { z } from "zod";
import { BodyTooLargeError, readBodyWithLimit } from "../webhooks/read-body.server";
import { logger } from "../lib/logger.server";
import { chatJson } from "./proxy-auth.server";

const MAX_BODY_BYTES = 32 * 1024;

async function readChatJson(request: Request, expected: string): Promise<unknown | Response> {
  try {
    return JSON.parse(Buffer.from(await readBodyWithLimit(request, MAX_BODY_BYTES)).toString("utf8"));
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      logger.info({ path: new URL(request.url).pathname }, "chat body over the size limit");
      return chatJson({ error: "That message is too long." }, 413);
    }
    logger.info({ path: new URL(request.url).pathname }, "chat body is not JSON");
    return chatJson({ error: expected }, 400);
  }
}

/** The request's JSON body checked against `schema`, or the 400/413 answer to send instead. */
export async function readChatBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  describe: { shopId: string; expected: string; invalid: string; rejectedLog: string },
): Promise<T | Response> {
  const raw = await readChatJson(request, describe.expected);
  if (raw instanceof Response) return raw;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".");
  logger.info({ shopId: describe.shopId, field }, describe.rejectedLog);
  return chatJson({ error: issue?.message ?? describe.invalid, field }, 400);
}
