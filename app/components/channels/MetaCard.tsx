// The Meta card on the Channels page (Messenger and Instagram Direct): credentials form, disconnect
// and the callback URL to paste into the Meta app's webhook settings.
import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, Divider, FormLayout, InlineStack, Text } from "@shopify/polaris";
import type { MetaActionData } from "../../channels/settings-page.server";
import { META_FIELDS } from "../../messages/meta-fields";
import { CopyField } from "../CopyField";
import { ConnectionHeader } from "./ConnectionHeader";
import { CredentialFields } from "./CredentialFields";
import type { MetaData } from "./page-data";
import { useCredentialValues } from "./use-credential-values";

export function MetaCard({ data }: { data: MetaData }) {
  const save = useFetcher<MetaActionData>();
  const disconnect = useFetcher<MetaActionData>();
  const saveData = save.data as MetaActionData | undefined;
  const [values, setValues] = useCredentialValues(data.connected, data.values);
  const fieldErrors = saveData?.intent === "save" && !saveData.ok ? saveData.fieldErrors : {};
  const formError = saveData?.intent === "save" && !saveData.ok ? saveData.formError : undefined;
  const saved = saveData?.intent === "save" && saveData.ok && save.state === "idle";
  return (
    <Card>
      <BlockStack gap="400">
        <ConnectionHeader
          headingId="channel-meta"
          name="Meta"
          channels="Messenger and Instagram Direct"
          connected={data.connected}
          status={data.status}
          lastError={data.lastError}
          savedTitle={saved ? "Meta settings saved" : null}
          formError={formError}
        />
        <save.Form method="post" aria-labelledby="channel-meta">
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="provider" value="META" />
          <FormLayout>
            <CredentialFields
              fields={META_FIELDS}
              savedSecrets={data.savedSecrets}
              values={values}
              setValues={setValues}
              fieldErrors={fieldErrors}
            />
            <InlineStack gap="200">
              <Button submit variant="primary" loading={save.state !== "idle"}>
                {data.connected ? "Save" : "Connect Meta"}
              </Button>
              {data.connected ? (
                <Button
                  tone="critical"
                  variant="plain"
                  loading={disconnect.state !== "idle"}
                  onClick={() => disconnect.submit({ intent: "disconnect", provider: "META" }, { method: "post" })}
                >
                  Disconnect
                </Button>
              ) : null}
            </InlineStack>
          </FormLayout>
        </save.Form>
        <Divider />
        <BlockStack gap="300">
          <Text as="h3" variant="headingSm">
            Webhook
          </Text>
          <Text as="p" tone="subdued">
            In your Meta app, under Webhooks (Page and Instagram products), paste this callback URL with the verify
            token you saved above, and subscribe to messages, message_deliveries, message_reads and message_echoes.
          </Text>
          <CopyField label="Meta callback URL" value={data.callbackUrl} />
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
