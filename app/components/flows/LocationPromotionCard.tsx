// The location promotion's settings in the flow editor: who it is for (countries, regions, a
// distance around a point, a segment) and the discount each recipient gets.
import { Banner, BlockStack, Card, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import type { FlowSaveError } from "../../flows/update-flow.server";
import { formHasNoArea, locationFieldError, type LocationForm } from "../../lifecycle/location-settings-form";

export interface SegmentOption {
  id: string;
  name: string;
  memberCount: number;
}

export function LocationPromotionCard({
  form,
  segments,
  errors,
  onChange,
}: {
  form: LocationForm;
  segments: SegmentOption[];
  errors: FlowSaveError[];
  onChange: (key: keyof LocationForm, value: string) => void;
}) {
  const error = (key: string) => locationFieldError(errors, key);
  const text = (key: keyof LocationForm, label: string, help?: string, errorKey: string = key) => (
    <TextField
      label={label}
      helpText={help}
      autoComplete="off"
      value={form[key]}
      onChange={(value) => onChange(key, value)}
      error={error(errorKey)}
    />
  );
  const segmentOptions = [
    { label: "Everyone in the area", value: "" },
    ...segments.map((s) => ({ label: `${s.name} (${s.memberCount})`, value: s.id })),
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Promotion
        </Text>
        {formHasNoArea(form) ? (
          <Banner tone="warning">
            Nobody enters this promotion until you set at least one country, region or distance.
          </Banner>
        ) : null}
        <FormLayout>
          {text(
            "promotionName",
            "Promotion name",
            "Shown in the discount's title. Renaming starts a new promotion: customers who match enter it again, and runs of the old one stop.",
          )}
          <FormLayout.Group>
            {text("countries", "Countries", "Two-letter codes, comma separated, e.g. US, CA, FR.")}
            {text("regions", "Regions", "Country and region codes, comma separated, e.g. US-CA, CA-QC.")}
          </FormLayout.Group>
          <Text as="p" variant="bodySm" tone="subdued">
            Or within a distance of a point (the shipping address of the customer's latest order):
          </Text>
          <FormLayout.Group condensed>
            {text("latitude", "Latitude", undefined, "near.latitude")}
            {text("longitude", "Longitude", undefined, "near.longitude")}
            {text("radiusKm", "Radius (km)", undefined, "near.radiusKm")}
          </FormLayout.Group>
          <Select
            label="Segment"
            helpText="Only members of this segment, among the customers in the area."
            options={segmentOptions}
            value={form.segmentId}
            onChange={(value) => onChange("segmentId", value)}
            error={error("segmentId")}
          />
          <FormLayout.Group>
            <TextField
              label="Discount (%)"
              type="number"
              min={1}
              max={100}
              autoComplete="off"
              value={form.discountPercent}
              onChange={(value) => onChange("discountPercent", value)}
              error={error("discountPercent")}
            />
            <TextField
              label="Code valid for (days)"
              type="number"
              min={1}
              max={365}
              autoComplete="off"
              helpText="Each recipient's own code, usable once, by them only."
              value={form.discountValidDays}
              onChange={(value) => onChange("discountValidDays", value)}
              error={error("discountValidDays")}
            />
          </FormLayout.Group>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
