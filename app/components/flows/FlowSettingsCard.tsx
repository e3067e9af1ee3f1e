// The flow's own settings (checkout age, review delays), for the kinds of flow that have any.
import { BlockStack, Card, Checkbox, FormLayout, Text, TextField } from "@shopify/polaris";
import type { FlowSaveError } from "../../flows/update-flow.server";
import { settingsFieldsFor } from "./settings-fields";

export function FlowSettingsCard({
  kind,
  settings,
  errors,
  onChange,
}: {
  kind: string;
  settings: Record<string, string>;
  errors: FlowSaveError[];
  onChange: (key: string, value: string) => void;
}) {
  const fields = settingsFieldsFor(kind);
  if (!fields.length) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Settings
        </Text>
        <FormLayout>
          <FormLayout.Group>
            {fields.map((f) =>
              f.type === "checkbox" ? (
                <Checkbox
                  key={f.key}
                  label={f.label}
                  helpText={f.help}
                  checked={settings[f.key] === "1"}
                  onChange={(checked) => onChange(f.key, checked ? "1" : "0")}
                  error={errors.find((e) => e.field === `settings.${f.key}`)?.message}
                />
              ) : (
                <TextField
                  key={f.key}
                  label={f.label}
                  helpText={f.help}
                  type="number"
                  min={f.min ?? 1}
                  max={f.max ?? 365}
                  autoComplete="off"
                  value={settings[f.key] ?? ""}
                  onChange={(value) => onChange(f.key, value)}
                  error={errors.find((e) => e.field === `settings.${f.key}`)?.message}
                />
              ),
            )}
          </FormLayout.Group>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
