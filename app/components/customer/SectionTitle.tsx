import { Text } from "@shopify/polaris";

export function SectionTitle({ children }: { children: string }) {
  return (
    <Text as="h2" variant="headingMd">
      {children}
    </Text>
  );
}
