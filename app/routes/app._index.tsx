import { Card, Page, Text } from "@shopify/polaris";

export default function Home() {
  return (
    <Page title="Threadline">
      <Card>
        <Text as="p">Welcome.</Text>
      </Card>
    </Page>
  );
}
