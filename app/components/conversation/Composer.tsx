// The reply and internal-note form: channel (unavailable ones say why), subject for email, saved replies,
// and suggested replies (inserted for editing; the send carries the inserted suggestion's id).
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import type { SuggestionView } from "../../suggestions/contracts";
import { channelLabel } from "../StatusBadges";
import type { ConversationAction, ConversationLoader } from "./page-data";
import { SuggestedReplies } from "./SuggestedReplies";
import { SendLaterPanel, SendLaterToggle } from "./SendLater";

const BODY_FIELD_ID = "composer-body";

function newClientId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export function Composer() {
  const { reply, savedReplies, conversation, defaultSubject, format } = useLoaderData<ConversationLoader>();
  const actionData = useActionData<ConversationAction>();
  const navigation = useNavigation();
  const renderFetcher = useFetcher<ConversationAction>();
  const [mode, setMode] = useState<"reply" | "note">("reply");
  const [channel, setChannel] = useState<string>(reply.defaultChannel ?? reply.options[0]?.channel ?? "SMS");
  const [body, setBody] = useState("");
  const [subject, setSubject] = useState(defaultSubject);
  const [clientId, setClientId] = useState("");
  const [savedReplyId, setSavedReplyId] = useState("");
  const [suggestionId, setSuggestionId] = useState("");
  const [sendLaterOpen, setSendLaterOpen] = useState(false);
  // The idempotency key's uuid is made in the browser, once per composed message.
  useEffect(() => setClientId(newClientId()), []);

  const submittingIntent = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "") : null;
  const busy = submittingIntent === "reply" || submittingIntent === "note";
  // After a successful send or note, start a fresh message (and a fresh key).
  const lastHandled = useRef<unknown>(null);
  useEffect(() => {
    if (actionData && actionData !== lastHandled.current && navigation.state === "idle") {
      lastHandled.current = actionData;
      if (actionData.ok && (actionData.intent === "reply" || actionData.intent === "note")) {
        setBody("");
        setSubject(defaultSubject);
        setClientId(newClientId());
        setSuggestionId("");
      }
    }
  }, [actionData, navigation.state, defaultSubject]);
  useEffect(() => {
    const d = renderFetcher.data;
    if (d && d.ok && d.intent === "render-saved-reply" && d.rendered !== undefined) {
      setBody((current) => (current.trim() ? `${current.trimEnd()}\n${d.rendered}` : d.rendered!));
    }
  }, [renderFetcher.data]);

  const option = reply.options.find((o) => o.channel === channel);
  const canSend = mode === "note" || (option?.allowed ?? false);
  const error =
    actionData && !actionData.ok && (actionData.intent === "reply" || actionData.intent === "note")
      ? actionData.error
      : null;
  const renderError = renderFetcher.data && !renderFetcher.data.ok ? renderFetcher.data.error : null;
  const editBody = (value: string) => {
    setBody(value);
    // Emptied: whatever is written next is the staff member's own reply, not the suggestion's.
    if (!value.trim()) setSuggestionId("");
  };
  const insertSuggestion = (s: SuggestionView) => {
    setBody((current) => (current.trim() ? `${current.trimEnd()}\n\n${s.text}` : s.text));
    setSuggestionId(s.id);
    document.getElementById(BODY_FIELD_ID)?.focus();
  };

  return (
    <Card>
      <Form method="post" id="composer">
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <ButtonGroup variant="segmented">
              <Button pressed={mode === "reply"} onClick={() => setMode("reply")}>
                Reply
              </Button>
              <Button pressed={mode === "note"} onClick={() => setMode("note")}>
                Internal note
              </Button>
            </ButtonGroup>
            {mode === "reply" && savedReplies.length > 0 ? (
              <InlineStack gap="200" blockAlign="end">
                <Select
                  label="Saved reply"
                  labelInline
                  options={[
                    { label: "Choose…", value: "" },
                    ...savedReplies.map((r) => ({ label: r.name, value: r.id })),
                  ]}
                  value={savedReplyId}
                  onChange={setSavedReplyId}
                />
                <Button
                  disabled={!savedReplyId}
                  loading={renderFetcher.state !== "idle"}
                  onClick={() =>
                    renderFetcher.submit({ intent: "render-saved-reply", savedReplyId }, { method: "post" })
                  }
                >
                  Insert
                </Button>
              </InlineStack>
            ) : null}
          </InlineStack>
          <input type="hidden" name="intent" value={mode} />
          <input type="hidden" name="clientId" value={clientId} />
          {mode === "reply" && suggestionId ? <input type="hidden" name="suggestionId" value={suggestionId} /> : null}
          {mode === "reply" ? (
            <>
              <Select
                label="Channel"
                name="channel"
                options={reply.options.map((o) => ({
                  // An unavailable channel says why in its own words (reply-reasons.ts), never just "unavailable".
                  label: o.allowed
                    ? `${channelLabel(o.channel)}${o.toAddress ? ` · ${o.toAddress}` : ""}`
                    : `${o.explanation ?? `${channelLabel(o.channel)}: unavailable`}`,
                  value: o.channel,
                }))}
                value={channel}
                onChange={setChannel}
              />
              {option?.explanation ? (
                <Banner tone={option.allowed ? "info" : "warning"}>
                  <Text as="p">{option.explanation}</Text>
                </Banner>
              ) : null}
              {channel === "EMAIL" ? (
                <TextField
                  label="Subject"
                  name="subject"
                  autoComplete="off"
                  value={subject}
                  onChange={setSubject}
                  maxLength={200}
                />
              ) : null}
            </>
          ) : (
            <Text as="p" tone="subdued">
              Internal notes are visible to staff only and never sent to {conversation.customerName}.
            </Text>
          )}
          <TextField
            id={BODY_FIELD_ID}
            label={mode === "note" ? "Note" : "Message"}
            name="body"
            multiline={4}
            autoComplete="off"
            value={body}
            onChange={editBody}
            maxLength={4000}
          />
          {error ? (
            <Banner tone="critical">
              <Text as="p">{error}</Text>
            </Banner>
          ) : null}
          {renderError ? (
            <Banner tone="critical">
              <Text as="p">{renderError}</Text>
            </Banner>
          ) : null}
          <InlineStack align="end" gap="200">
            {mode === "reply" ? (
              <SendLaterToggle
                open={sendLaterOpen}
                disabled={!option?.connected}
                onToggle={() => setSendLaterOpen((o) => !o)}
              />
            ) : null}
            <Button submit variant="primary" disabled={!canSend || !clientId || !body.trim() || busy} loading={busy}>
              {mode === "note" ? "Add note" : `Send ${option ? channelLabel(option.channel) : ""}`.trim()}
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
      {mode === "reply" && sendLaterOpen ? (
        <SendLaterPanel
          conversationId={conversation.id}
          channel={channel}
          channelName={channelLabel(channel)}
          body={body}
          subject={subject}
          format={format}
          onClose={() => setSendLaterOpen(false)}
          onScheduled={() => {
            // Scheduled: the composer starts a fresh message, as after a send.
            setBody("");
            setSubject(defaultSubject);
            setClientId(newClientId());
            setSuggestionId("");
          }}
        />
      ) : null}
      {mode === "reply" ? (
        <Box paddingBlockStart="300">
          <SuggestedReplies conversationId={conversation.id} onInsert={insertSuggestion} />
        </Box>
      ) : null}
    </Card>
  );
}
