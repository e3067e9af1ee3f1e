// "Send later" beside the composer's Send button: presets (In 1 hour, In 3 hours, Tomorrow 9:00) and
// a date/time field, all in the shop's time zone. Posts the composer's channel, subject and message
// to /app/inbox/<id>/scheduled (app/send-later/); the panel sits outside the reply form, so Enter in
// the date field never sends the reply now.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import {
  MAX_AHEAD_MS,
  PRESET_LABEL,
  presetSendAt,
  SEND_LATER_PRESETS,
  toLocalInputValue,
  type SendLaterPreset,
} from "../../send-later/send-time";
import { formatDateTime } from "../format";

export const SEND_LATER_PANEL_ID = "send-later-panel";

type ScheduleAnswer = { ok: true; scheduledReply: { sendAt: string } } | { ok: false; error: string; field?: string };

export function SendLaterToggle(props: { open: boolean; disabled: boolean; onToggle: () => void }) {
  return (
    <Button
      onClick={props.onToggle}
      disabled={props.disabled}
      disclosure={props.open ? "up" : "down"}
      ariaExpanded={props.open}
      ariaControls={SEND_LATER_PANEL_ID}
    >
      Send later
    </Button>
  );
}

export function SendLaterPanel(props: {
  conversationId: string;
  channel: string;
  channelName: string;
  body: string;
  subject: string;
  format: { timeZone: string; locale: string };
  onScheduled: () => void;
  onClose: () => void;
}) {
  const fetcher = useFetcher<ScheduleAnswer>();
  const [now] = useState(() => new Date());
  const [local, setLocal] = useState(() =>
    toLocalInputValue(presetSendAt("tomorrow-9", props.format.timeZone, now), props.format.timeZone),
  );
  const [confirmation, setConfirmation] = useState("");
  const handled = useRef<unknown>(null);
  const busy = fetcher.state !== "idle";

  useEffect(() => {
    const d = fetcher.data;
    if (d && d !== handled.current && fetcher.state === "idle") {
      handled.current = d;
      if (d.ok) {
        setConfirmation(`Scheduled for ${formatDateTime(d.scheduledReply.sendAt, props.format)}.`);
        props.onScheduled();
      }
    }
  }, [fetcher.data, fetcher.state, props]);

  const schedule = (when: { preset: SendLaterPreset } | { sendAt: string }) => {
    setConfirmation("");
    fetcher.submit(
      { channel: props.channel, body: props.body, subject: props.subject, ...when },
      { method: "post", action: `/app/inbox/${props.conversationId}/scheduled` },
    );
  };
  const error = fetcher.data && !fetcher.data.ok && fetcher.state === "idle" ? fetcher.data.error : null;
  const empty = !props.body.trim();

  return (
    <Box id={SEND_LATER_PANEL_ID} paddingBlockStart="300">
      <section aria-label="Send later">
        <BlockStack gap="300">
          <Text as="h3" variant="headingSm">
            Send this {props.channelName} reply later
          </Text>
          <InlineStack gap="200">
            {SEND_LATER_PRESETS.map((p) => {
              const at = formatDateTime(presetSendAt(p, props.format.timeZone, now), props.format);
              return (
                <Button
                  key={p}
                  disabled={empty || busy}
                  onClick={() => schedule({ preset: p })}
                  accessibilityLabel={`Schedule for ${PRESET_LABEL[p]}, ${at}`}
                >
                  {`${PRESET_LABEL[p]} · ${at}`}
                </Button>
              );
            })}
          </InlineStack>
          <div
            onKeyDown={(e) => {
              if (e.key === "Enter" && local && !empty && !busy) {
                e.preventDefault();
                schedule({ sendAt: local });
              }
            }}
          >
            <InlineStack gap="200" blockAlign="end">
              <TextField
                label={`Date and time (${props.format.timeZone})`}
                type="datetime-local"
                autoComplete="off"
                value={local}
                onChange={setLocal}
                min={toLocalInputValue(now, props.format.timeZone)}
                max={toLocalInputValue(new Date(now.getTime() + MAX_AHEAD_MS), props.format.timeZone)}
              />
              <Button
                variant="primary"
                disabled={empty || busy || !local}
                loading={busy}
                onClick={() => schedule({ sendAt: local })}
              >
                Schedule
              </Button>
              <Button variant="plain" onClick={props.onClose}>
                Close
              </Button>
            </InlineStack>
          </div>
          {empty && !confirmation ? (
            <Text as="p" tone="subdued">
              Write the message above first.
            </Text>
          ) : null}
          {error ? (
            <Banner tone="critical">
              <Text as="p">{error}</Text>
            </Banner>
          ) : null}
          <div aria-live="polite">
            {confirmation ? (
              <Text as="p" tone="success">
                {confirmation}
              </Text>
            ) : null}
          </div>
        </BlockStack>
      </section>
    </Box>
  );
}
