/** @jsxImportSource preact */
// The reply form: a channel (defaulting to the one the app picks; unavailable ones stay listed,
// disabled, with the app's reason), saved replies inserted as text, a subject for email, and a send
// button that shows it is busy. The same reply retried keeps its clientMessageId, so it sends once.
// Suggested replies sit above the message: Insert fills it for editing, and the send carries the
// inserted suggestion's id so the app can count it as accepted or edited.
import { useRef, useState } from "preact/hooks";
import { newClientMessageId } from "../client-message-id";
import type { BlockI18n } from "../i18n";
import type { ExtensionThread, ReplyInput, ReplyResult, SavedReply, Suggestion } from "../thread";
import { SuggestionList } from "./SuggestionList";

type Reply = NonNullable<ExtensionThread["reply"]>;
type Outcome = { tone: "success" | "critical"; text: string } | null;

function valueOf(event: Event): string {
  return String((event.currentTarget as HTMLElement & { value?: string }).value ?? "");
}

export function ReplyBox(props: {
  reply: Reply;
  savedReplies: SavedReply[];
  suggestions?: Suggestion[];
  i18n: BlockI18n;
  onSend: (input: ReplyInput) => Promise<ReplyResult>;
  onDismiss?: (suggestion: Suggestion) => void;
}) {
  const { reply, i18n } = props;
  const [channel, setChannel] = useState(reply.defaultChannel ?? "");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // The saved-reply picker is an action, not a setting: it starts empty again after each insert.
  const [pickerGeneration, setPickerGeneration] = useState(0);
  const [suggestionId, setSuggestionId] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const suggestions = (props.suggestions ?? []).filter((s) => !dismissed.includes(s.id));
  const lastAttempt = useRef<{ key: string; id: string } | null>(null);

  const selected = reply.options.find((o) => o.channel === channel && o.allowed) ?? null;
  const needsSubject = channel === "EMAIL";
  const insertable = props.savedReplies.filter((r) => typeof r.text === "string" && r.text.length > 0);
  const canSend = !!selected && body.trim().length > 0 && (!needsSubject || subject.trim().length > 0) && !pending;
  const channelName = (c: string) => i18n.translate(`channel.${c}`);

  function edited() {
    if (outcome?.tone === "success") setOutcome(null);
  }

  function insertSuggestion(suggestion: Suggestion) {
    setBody((current) => (current.trim() ? `${current.trimEnd()}\n\n${suggestion.text}` : suggestion.text));
    setSuggestionId(suggestion.id);
    edited();
  }

  function dismissSuggestion(suggestion: Suggestion) {
    setDismissed((ids) => [...ids, suggestion.id]);
    if (suggestionId === suggestion.id) setSuggestionId(null);
    props.onDismiss?.(suggestion);
  }

  function insertSavedReply(id: string) {
    const text = insertable.find((r) => r.id === id)?.text;
    if (!text) return;
    setBody((current) => (current.trim() ? `${current.trimEnd()}\n\n${text}` : text));
    setPickerGeneration((n) => n + 1);
    edited();
  }

  async function send() {
    if (!canSend || !selected) return;
    const content = { channel, body: body.trim(), ...(needsSubject ? { subject: subject.trim() } : {}) };
    const key = JSON.stringify(content);
    if (lastAttempt.current?.key !== key) lastAttempt.current = { key, id: newClientMessageId() };
    setPending(true);
    setOutcome(null);
    const result = await props.onSend({
      ...content,
      clientMessageId: lastAttempt.current.id,
      ...(suggestionId ? { suggestionId } : {}),
    });
    setPending(false);
    if (result.ok) {
      lastAttempt.current = null;
      setSuggestionId(null);
      setBody("");
      setSubject("");
      setOutcome({ tone: "success", text: i18n.translate("reply.sent", { channel: channelName(channel) }) });
    } else {
      setOutcome({ tone: "critical", text: result.error ?? i18n.translate("reply.failed") });
    }
  }

  return (
    <s-stack gap="small-200">
      <s-heading>{i18n.translate("reply.heading")}</s-heading>
      {reply.options.some((o) => o.allowed) ? null : (
        <s-banner tone="warning">{i18n.translate("reply.noChannel")}</s-banner>
      )}
      <s-select
        label={i18n.translate("reply.channel")}
        value={channel}
        details={selected?.explanation ?? ""}
        onChange={(event) => {
          setChannel(valueOf(event));
          edited();
        }}
      >
        {reply.options.map((option) => (
          <s-option key={option.channel} value={option.channel} disabled={!option.allowed}>
            {option.allowed
              ? channelName(option.channel)
              : i18n.translate("reply.unavailable", {
                  channel: channelName(option.channel),
                  reason: option.explanation ?? "",
                })}
          </s-option>
        ))}
      </s-select>
      {insertable.length > 0 ? (
        <s-select
          key={pickerGeneration}
          label={i18n.translate("reply.savedReply")}
          placeholder={i18n.translate("reply.savedReplyPlaceholder")}
          value=""
          onChange={(event) => insertSavedReply(valueOf(event))}
        >
          {insertable.map((saved) => (
            <s-option key={saved.id} value={saved.id}>
              {saved.name}
            </s-option>
          ))}
        </s-select>
      ) : null}
      <SuggestionList suggestions={suggestions} i18n={i18n} onInsert={insertSuggestion} onDismiss={dismissSuggestion} />
      {needsSubject ? (
        <s-text-field
          label={i18n.translate("reply.subject")}
          maxLength={200}
          value={subject}
          onInput={(event) => {
            setSubject(valueOf(event));
            edited();
          }}
        />
      ) : null}
      <s-text-area
        label={i18n.translate("reply.body")}
        rows={3}
        maxLength={20_000}
        value={body}
        onInput={(event) => {
          const value = valueOf(event);
          setBody(value);
          // Emptied: what is written next is the staff member's own reply, not the suggestion.
          if (!value.trim()) setSuggestionId(null);
          edited();
        }}
      />
      {outcome ? <s-banner tone={outcome.tone}>{outcome.text}</s-banner> : null}
      <s-stack direction="inline" justifyContent="end">
        <s-button variant="primary" loading={pending} disabled={!canSend} onClick={send}>
          {selected
            ? i18n.translate("reply.send", { channel: channelName(selected.channel) })
            : i18n.translate("reply.sendNoChannel")}
        </s-button>
      </s-stack>
    </s-stack>
  );
}
