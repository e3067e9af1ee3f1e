/** @jsxImportSource preact */
// Starts the block on whichever page it was placed: finds the page's resource, builds the client
// for its route and renders. Everything the admin provides comes in as arguments, so tests can run
// it with a fake admin and a fake fetch.
import { render } from "preact";
import { createThreadClient, type Fetch } from "./client";
import { ConversationBlock } from "./components/ConversationBlock";
import type { BlockI18n } from "./i18n";
import { threadPathFor } from "./resource";

export interface BlockHost {
  data: { selected: Array<{ id: string }> };
  i18n: BlockI18n;
}

export function mountBlock(host: BlockHost, fetchFn: Fetch, root: Element): void {
  const path = threadPathFor(host.data.selected[0]?.id);
  const content = path ? (
    <ConversationBlock client={createThreadClient(fetchFn, path)} i18n={host.i18n} />
  ) : (
    <s-banner tone="warning">{host.i18n.translate("block.unsupported")}</s-banner>
  );
  render(<s-admin-block heading={host.i18n.translate("block.heading")}>{content}</s-admin-block>, root);
}
