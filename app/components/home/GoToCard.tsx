// The Home page's "Go to" card: the admin's main pages, each with a line on what it is for.
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { PageLink } from "./PageLink";

const PAGES = [
  { url: "/app/inbox", title: "Inbox", text: "Conversations with your customers across every channel." },
  { url: "/app/customers", title: "Customers", text: "Profiles, consent, orders and each customer's timeline." },
  {
    url: "/app/saved-replies",
    title: "Saved replies",
    text: "Answers your team sends often, with the customer's details filled in.",
  },
  { url: "/app/flows", title: "Flows", text: "Automated cart recovery, order and shipping messages, review requests." },
  { url: "/app/channels", title: "Channels", text: "SMS, WhatsApp, email, Messenger, Instagram and chat connections." },
  { url: "/app/analytics", title: "Analytics", text: "Orders, revenue, checkouts and messages over the last 30 days." },
];

export function GoToCard() {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Go to
        </Text>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
          {PAGES.map((p) => (
            <PageLink key={p.url} url={p.url} title={p.title} text={p.text} />
          ))}
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
