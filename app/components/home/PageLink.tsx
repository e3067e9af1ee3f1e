import { BlockStack, Link, Text } from "@shopify/polaris";

/** A link to another admin page with a line on what it is for. */
export function PageLink({ url, title, text }: { url: string; title: string; text: string }) {
  return (
    <BlockStack gap="050">
      <Link url={url}>{title}</Link>
      <Text as="p" tone="subdued">
        {text}
      </Text>
    </BlockStack>
  );
}
