// Which language's template is shown, adding a language, and removing the one shown.
import { useState } from "react";
import { Button, InlineStack, Select, TextField } from "@shopify/polaris";
import { normalizeLocaleCode } from "../../flows/editor-state";

export function TemplateLanguages({
  locales,
  locale,
  canRemove,
  onChoose,
  onAdd,
  onRemove,
}: {
  locales: string[];
  locale: string | null;
  canRemove: boolean;
  onChoose: (locale: string) => void;
  onAdd: (locale: string) => void;
  onRemove: () => void;
}) {
  const [newLocale, setNewLocale] = useState("");
  const [newLocaleError, setNewLocaleError] = useState<string | undefined>();
  const add = () => {
    const code = normalizeLocaleCode(newLocale);
    if (!code) {
      setNewLocaleError("Enter a language code such as de, it or pt-br");
      return;
    }
    if (locales.includes(code)) {
      setNewLocaleError("This language already has a template");
      return;
    }
    onAdd(code);
    setNewLocale("");
    setNewLocaleError(undefined);
  };
  return (
    <InlineStack gap="200" blockAlign="end" wrap>
      {locales.length ? (
        <Select
          label="Language"
          options={locales.map((l) => ({ label: l, value: l }))}
          value={locale ?? ""}
          onChange={onChoose}
        />
      ) : null}
      <div style={{ maxWidth: "9rem" }}>
        <TextField
          label="Add language"
          autoComplete="off"
          placeholder="de"
          value={newLocale}
          onChange={(v) => {
            setNewLocale(v);
            setNewLocaleError(undefined);
          }}
          error={newLocaleError}
          connectedRight={<Button onClick={add}>Add</Button>}
        />
      </div>
      {canRemove && locale ? (
        <Button variant="plain" tone="critical" onClick={onRemove}>
          Remove {locale}
        </Button>
      ) : null}
    </InlineStack>
  );
}
