// The flow editor: settings, ordered steps (delay, channel preference), a template per
// channel and language, and a live preview rendered for a real customer of the shop.
import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, InlineStack, Layout, Page } from "@shopify/polaris";
import { newStepAfter, stepsFromSaved, swapAt, type StepState } from "../../flows/editor-state";
import { toSavePayload } from "../../flows/save-payload";
import type { FlowSaveError } from "../../flows/update-flow.server";
import { FlowSettingsCard } from "./FlowSettingsCard";
import { LocationPromotionCard } from "./LocationPromotionCard";
import { locationFormFrom, locationSettingsFrom, type LocationForm } from "../../lifecycle/location-settings-form";
import type { FlowEditorData, FlowSaveAction } from "./page-data";
import { PreviewCustomerCard } from "./PreviewCustomerCard";
import { SaveBanners } from "./SaveBanners";
import { settingsFieldsFor } from "./settings-fields";
import { StepCard } from "./StepCard";

export function FlowEditor({ flow, customers, segments, primaryLocale }: FlowEditorData) {
  const [steps, setSteps] = useState<StepState[]>(() => stepsFromSaved(flow.steps));
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    Object.fromEntries(settingsFieldsFor(flow.kind).map((f) => [f.key, String(flow.settings[f.key])])),
  );
  const isLocationPromotion = flow.kind === "LOCATION_PROMOTION";
  const [location, setLocation] = useState<LocationForm>(() => locationFormFrom(flow.settings));
  const [customerId, setCustomerId] = useState(customers[0]?.id ?? "");
  const save = useFetcher<FlowSaveAction>();
  const saveResult = save.state === "idle" ? save.data : undefined;
  const errors: FlowSaveError[] = saveResult && !saveResult.ok ? saveResult.errors : [];
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (saveResult?.ok) setDirty(false);
  }, [saveResult]);

  const update = (fn: (steps: StepState[]) => StepState[]) => {
    setDirty(true);
    setSteps(fn);
  };
  const submit = () => {
    const all = isLocationPromotion ? { ...settings, ...locationSettingsFrom(location) } : settings;
    save.submit({ payload: JSON.stringify(toSavePayload(all, steps)) }, { method: "post" });
  };
  const addStep = () => update((all) => [...all, newStepAfter(all[all.length - 1])]);

  return (
    <Page
      title={flow.name}
      titleMetadata={flow.enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
      backAction={{ content: "Flows", url: "/app/flows" }}
      primaryAction={{ content: "Save", onAction: submit, loading: save.state !== "idle" }}
      secondaryActions={[{ content: "Message log", url: `/app/flows/${flow.id}/log` }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <SaveBanners saved={Boolean(saveResult?.ok) && !dirty} errors={errors} />
            <PreviewCustomerCard customers={customers} customerId={customerId} onChange={setCustomerId} />
            <FlowSettingsCard
              kind={flow.kind}
              settings={settings}
              errors={errors}
              onChange={(key, value) => {
                setDirty(true);
                setSettings((s) => ({ ...s, [key]: value }));
              }}
            />
            {isLocationPromotion ? (
              <LocationPromotionCard
                form={location}
                segments={segments}
                errors={errors}
                onChange={(key, value) => {
                  setDirty(true);
                  setLocation((l) => ({ ...l, [key]: value }));
                }}
              />
            ) : null}
            {steps.map((step, index) => (
              <StepCard
                key={step.key}
                flowId={flow.id}
                flowKind={flow.kind}
                index={index}
                count={steps.length}
                step={step}
                customerId={customerId}
                customerLocale={customers.find((c) => c.id === customerId)?.locale ?? null}
                primaryLocale={primaryLocale}
                errors={errors.filter((e) => e.step === index)}
                onChange={(next) => update((all) => all.map((s, i) => (i === index ? next : s)))}
                onMove={(by) => update((all) => swapAt(all, index, by))}
                onRemove={() => update((all) => all.filter((_, i) => i !== index))}
              />
            ))}
            <InlineStack align="space-between">
              <Button onClick={addStep} disabled={steps.length >= 10}>
                Add step
              </Button>
              <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>
                Save
              </Button>
            </InlineStack>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
