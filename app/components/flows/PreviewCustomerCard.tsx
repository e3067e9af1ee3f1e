// Who the previews render for: a real customer of the shop.
import { BlockStack, Card, Select, Text } from "@shopify/polaris";
import type { FlowEditorData } from "./page-data";

export function PreviewCustomerCard({
  customers,
  customerId,
  onChange,
}: {
  customers: FlowEditorData["customers"];
  customerId: string;
  onChange: (customerId: string) => void;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Preview as
        </Text>
        {customers.length ? (
          <Select
            label="Customer"
            helpText="Previews render with this customer's details and their latest checkout, order and shipment (a sample when they have none)."
            options={customers.map((c) => ({ label: c.label, value: c.id }))}
            value={customerId}
            onChange={onChange}
          />
        ) : (
          <Text as="p" tone="subdued">
            Your shop has no customers yet, so there is nobody to preview with.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
