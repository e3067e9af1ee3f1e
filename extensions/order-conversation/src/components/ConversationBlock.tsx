/** @jsxImportSource preact */
// The block's states around the pure ThreadView: loading, a load error with a retry, the thread.
// A sent reply joins the top of the message list at once, with the status the app gave it; the
// thread is then read again quietly (a first reply opens a conversation, statuses move on).
import { useCallback, useEffect, useState } from "preact/hooks";
import { ThreadLoadError, type ThreadClient } from "../client";
import type { BlockI18n } from "../i18n";
import type { ExtensionThread, ReplyInput } from "../thread";
import { ThreadView } from "./ThreadView";

type State = { kind: "loading" } | { kind: "failed"; status: number } | { kind: "ready"; thread: ExtensionThread };

export function ConversationBlock(props: { client: ThreadClient; i18n: BlockI18n }) {
  const { client, i18n } = props;
  const [state, setState] = useState<State>({ kind: "loading" });

  const load = useCallback(() => {
    setState({ kind: "loading" });
    client.load().then(
      (thread) => setState({ kind: "ready", thread }),
      (err: unknown) => setState({ kind: "failed", status: err instanceof ThreadLoadError ? err.status : 0 }),
    );
  }, [client]);
  useEffect(load, [load]);

  const send = useCallback(
    async (input: ReplyInput) => {
      const result = await client.reply(input);
      if (result.ok) {
        client.load().then(
          (thread) => setState({ kind: "ready", thread }),
          () => undefined, // the optimistic thread stays; the next load shows the truth
        );
        setState((current) =>
          current.kind === "ready"
            ? {
                kind: "ready",
                thread: {
                  ...current.thread,
                  messages: [result.message, ...current.thread.messages.filter((m) => m.id !== result.message.id)],
                },
              }
            : current,
        );
      }
      return result;
    },
    [client],
  );

  if (state.kind === "loading") {
    return (
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-spinner accessibilityLabel={i18n.translate("block.loading")} />
        <s-text color="subdued">{i18n.translate("block.loading")}</s-text>
      </s-stack>
    );
  }
  if (state.kind === "failed") {
    return (
      <s-banner tone="critical" heading={i18n.translate("error.heading")}>
        <s-paragraph>
          {state.status ? i18n.translate("error.status", { status: state.status }) : i18n.translate("error.network")}
        </s-paragraph>
        <s-button slot="secondary-actions" onClick={load}>
          {i18n.translate("error.retry")}
        </s-button>
      </s-banner>
    );
  }
  return (
    <ThreadView
      thread={state.thread}
      i18n={i18n}
      onSend={send}
      onDismiss={(suggestion) => void client.dismiss(suggestion.id)}
    />
  );
}
