// Chat bodies are tiny: anything over the cap is refused before it is buffered (413), and a body
// that is not JSON is a 400 naming the expected shape.
import { BodyTooLargeError, readBodyWithLimit } from "../webhooks/read-body.server";
import { logger } from "../lib/logger.server";
import { chatJson } from "./proxy-auth.server";

const MAX_BODY_BYTES = 32 * 1024;

export async function readChatJson(request: Request, expected: string): Promise<unknown | Response> {
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
