// The rule editor: name, on/off, conditions and actions, then Save (POST /app/routing/<id> with
// intent=save and the rule JSON in `rule`), Preview (POST /app/routing/preview with the rule JSON)
// and, for a saved rule, Delete. Errors name the field ("actions.0.teamId: not found in this shop").
import { useEffect, useState } from "react";
import { useFetcher, useNavigate } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, InlineStack, Text, TextField } from "@shopify/polaris";
import type { PreviewResult } from "../../routing/preview.server";
import { ActionBuilder, type ActionChoices } from "./ActionBuilder";
import { ConditionBuilder } from "./ConditionBuilder";
import type { RuleDraft } from "./draft";
import { PreviewResults } from "./PreviewResults";

type SaveAnswer = { ok: true; id?: string } | { ok: false; field?: string; error: string };

export function RuleEditor({
  id,
  initial,
  choices,
}: {
  id: string | null;
  initial: RuleDraft;
  choices: ActionChoices;
}) {
  const [draft, setDraft] = useState<RuleDraft>(initial);
  // Deleting asks once more in the page itself (no browser dialog).
  const [confirmDelete, setConfirmDelete] = useState(false);
  const save = useFetcher<SaveAnswer>();
  const preview = useFetcher<PreviewResult>();
  const navigate = useNavigate();
  const path = `/app/routing/${id ?? "new"}`;
  const saved = save.state === "idle" ? save.data : undefined;
  useEffect(() => {
    if (saved?.ok) navigate("/app/routing");
  }, [saved, navigate]);
  const previewed = preview.state === "idle" ? preview.data : undefined;

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <TextField
            label="Rule name"
            value={draft.name}
            onChange={(name) => setDraft({ ...draft, name })}
            autoComplete="off"
            maxLength={100}
            error={saved && !saved.ok && saved.field === "name" ? saved.error : undefined}
          />
          <Checkbox label="Rule on" checked={draft.enabled} onChange={(enabled) => setDraft({ ...draft, enabled })} />
        </BlockStack>
      </Card>
      <Card>
        <ConditionBuilder conditions={draft.conditions} onChange={(conditions) => setDraft({ ...draft, conditions })} />
      </Card>
      <Card>
        <ActionBuilder
          actions={draft.actions}
          choices={choices}
          onChange={(actions) => setDraft({ ...draft, actions })}
        />
      </Card>
      {saved && !saved.ok ? <Banner tone="critical">{saved.error}</Banner> : null}
      <InlineStack gap="200">
        <Button
          variant="primary"
          loading={save.state !== "idle"}
          onClick={() => save.submit({ intent: "save", rule: JSON.stringify(draft) }, { method: "post", action: path })}
        >
          Save rule
        </Button>
        <Button
          loading={preview.state !== "idle"}
          onClick={() =>
            preview.submit(JSON.stringify(draft), {
              method: "post",
              action: "/app/routing/preview",
              encType: "application/json",
            })
          }
        >
          Preview
        </Button>
        {id && !confirmDelete ? (
          <Button tone="critical" variant="secondary" onClick={() => setConfirmDelete(true)}>
            Delete rule
          </Button>
        ) : null}
        {id && confirmDelete ? (
          <>
            <Button
              tone="critical"
              variant="primary"
              onClick={() => save.submit({ intent: "delete" }, { method: "post", action: path })}
            >
              Yes, delete this rule
            </Button>
            <Button onClick={() => setConfirmDelete(false)}>Keep it</Button>
          </>
        ) : null}
      </InlineStack>
      {previewed ? (
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Preview
            </Text>
            {previewed.ok ? (
              <PreviewResults checked={previewed.checked} count={previewed.count} matches={previewed.matches} />
            ) : (
              <Banner tone="critical">{previewed.error}</Banner>
            )}
          </BlockStack>
        </Card>
      ) : null}
    </BlockStack>
  );
}
