// A Twilio or SendGrid card on the Channels page: the credentials form, and once connected a test
// send, the webhook URLs to paste into the provider's console, and a confirmed disconnect.
import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, Divider, FormLayout, InlineStack, Modal, Text } from "@shopify/polaris";
import type { ChannelActionData } from "../../channels/settings-page.server";
import { PROVIDER_FIELDS, type ConnectableProvider } from "../channel-fields";
import { CopyField } from "../CopyField";
import type { ShopFormat } from "../format";
import { ConnectionHeader } from "./ConnectionHeader";
import { CredentialFields } from "./CredentialFields";
import type { ProviderData } from "./page-data";
import { TestSendForm } from "./TestSendForm";
import { useCredentialValues } from "./use-credential-values";

const PROVIDER_INFO: Record<ConnectableProvider, { name: string; channels: string; console: string }> = {
  TWILIO: {
    name: "Twilio",
    channels: "SMS and WhatsApp",
    console:
      "In the Twilio Console, paste the messaging webhook into your sender's (or messaging service's) incoming message setting. Threadline sets the status callback on every message it sends; the URL is shown here for messaging services that want it too.",
  },
  SENDGRID: {
    name: "SendGrid",
    channels: "Email",
    console:
      "In SendGrid, under Settings → Mail Settings → Event Webhook, paste the Event Webhook URL, turn on signature verification and copy its verification key into the field above. Under Settings → Inbound Parse, add your reply-to domain with the Inbound Parse URL (leave “POST the raw, full MIME message” off) so customers' replies come back into the inbox.",
  },
};

export function ProviderCard({ data, format }: { data: ProviderData; format: ShopFormat }) {
  const info = PROVIDER_INFO[data.provider];
  const save = useFetcher<ChannelActionData>();
  const saveData = save.data as ChannelActionData | undefined;
  const [values, setValues] = useCredentialValues(data.connected, data.values);
  const [confirming, setConfirming] = useState(false);
  const disconnect = useFetcher<ChannelActionData>();

  useEffect(() => {
    if (disconnect.state === "idle" && disconnect.data) setConfirming(false);
  }, [disconnect.state, disconnect.data]);

  const fieldErrors = saveData?.intent === "save" && !saveData.ok ? saveData.fieldErrors : {};
  const formError = saveData?.intent === "save" && !saveData.ok ? saveData.formError : undefined;
  const saved = saveData?.intent === "save" && saveData.ok && save.state === "idle";
  const headingId = `channel-${data.provider.toLowerCase()}`;

  return (
    <Card>
      <BlockStack gap="400">
        <ConnectionHeader
          headingId={headingId}
          name={info.name}
          channels={info.channels}
          connected={data.connected}
          status={data.status}
          lastError={data.lastError}
          savedTitle={saved ? `${info.name} settings saved` : null}
          formError={formError}
        />
        <save.Form method="post" aria-labelledby={headingId}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="provider" value={data.provider} />
          <FormLayout>
            <CredentialFields
              fields={PROVIDER_FIELDS[data.provider]}
              savedSecrets={data.savedSecrets}
              values={values}
              setValues={setValues}
              fieldErrors={fieldErrors}
            />
            <InlineStack gap="200">
              <Button submit variant="primary" loading={save.state !== "idle"}>
                {data.connected ? "Save" : `Connect ${info.name}`}
              </Button>
              {data.connected ? (
                <Button tone="critical" variant="plain" onClick={() => setConfirming(true)}>
                  Disconnect
                </Button>
              ) : null}
            </InlineStack>
          </FormLayout>
        </save.Form>
        {data.connected ? (
          <>
            <Divider />
            <TestSendForm provider={data.provider} lastTestedAt={data.lastTestedAt} format={format} />
            <Divider />
            <BlockStack gap="300">
              <Text as="h3" variant="headingSm">
                Webhook URLs
              </Text>
              <Text as="p" tone="subdued">
                {info.console}
              </Text>
              {data.webhookUrls.map((w) => (
                <CopyField key={w.key} label={w.label} value={w.url} />
              ))}
            </BlockStack>
          </>
        ) : null}
      </BlockStack>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Disconnect ${info.name}?`}
        primaryAction={{
          content: "Disconnect",
          destructive: true,
          loading: disconnect.state !== "idle",
          onAction: () => disconnect.submit({ intent: "disconnect", provider: data.provider }, { method: "post" }),
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <Text as="p">
            Threadline will stop sending and receiving {info.channels} messages through {info.name}, and the stored
            credentials are deleted. Flows that rely on it fall back to your other channels.
          </Text>
        </Modal.Section>
      </Modal>
    </Card>
  );
}
