// The JSON the app's /api/extension/* routes answer, typed from the server's own declaration so the
// block and the routes cannot drift apart. `import type` is erased by the bundler: no server code
// reaches the extension.
import type { ExtensionMessage, ExtensionThread, ReplyBody } from "../../../app/extension-api/thread.server";

export type { ExtensionMessage, ExtensionThread };
export type ReplyOption = NonNullable<ExtensionThread["reply"]>["options"][number];

/**
 * A saved reply as the block uses it. `text` is the reply already rendered for this customer (null
 * when its Liquid fails); the block can only insert replies that carry it.
 */
export type SavedReply = ExtensionThread["savedReplies"][number];

/** A suggested reply draft: inserted into the reply box, never sent on its own. */
export type Suggestion = ExtensionThread["suggestions"][number];

/** What the block POSTs to the same path it loaded the thread from: the routes' own body schema. */
export type ReplyInput = ReplyBody;

export type ReplyResult =
  | { ok: true; created: boolean; conversationId: string; message: ExtensionMessage }
  /** `error` is a sentence for staff from the app, or null when only a generic message fits. */
  | { ok: false; error: string | null; field?: string };
