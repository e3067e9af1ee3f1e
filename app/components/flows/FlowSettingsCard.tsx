// The flow's own settings (checkout age, review delays), for the kinds of flow that have any.
import { BlockStack, Card, FormLayout, Text, TextField } from "@shopify/polaris";
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
            {fields.map((f) => (
              <TextField
                key={f.key}
                label={f.label}
                helpText={f.help}
                type="number"
                min={1}
                max={365}
                autoComplete="off"
                value={settings[f.key] ?? ""}
                onChange={(value) => onChange(f.key, value)}
                error={errors.find((e) => e.field === `settings.${f.key}`)?.message}
              />
            ))}
          </FormLayout.Group>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
