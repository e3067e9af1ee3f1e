// The shop's policies on the Knowledge page: when Threadline last read them from Shopify, how many
// articles they gave, and "Refresh policies" to read them now (they are also read once a day).
import { Link as RemixLink, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { PolicyRefreshAnswer } from "../../routes/app.knowledge.policies.refresh";
import { formatDateTime, type ShopFormat } from "../format";

export function PoliciesCard({
  syncedAt,
  count,
  format,
}: {
  syncedAt: string | null;
  count: number;
  format: Pick<ShopFormat, "timeZone" | "locale">;
}) {
  const fetcher = useFetcher<PolicyRefreshAnswer>();
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const lastRead = answer?.ok ? answer.syncedAt : syncedAt;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Shop policies
        </Text>
        <Text as="p">
          Your refund, shipping, privacy, terms and contact policies from Shopify admin → Settings → Policies become
          published articles, one per policy, read again every day. Edit them in Shopify, not here.
        </Text>
        <div data-testid="policies-status">
          <Text as="p" tone="subdued">
            {lastRead
              ? `Last read ${formatDateTime(lastRead, format)}: ${count} ${count === 1 ? "policy" : "policies"}.`
              : "Not read yet."}{" "}
            <RemixLink to="/app/knowledge?tag=policy">Show them</RemixLink>
          </Text>
        </div>
        {answer ? (
          <Banner tone={answer.ok ? "success" : "critical"}>
            <p data-testid="policies-result">{answer.message}</p>
          </Banner>
        ) : null}
        <InlineStack>
          <fetcher.Form method="post" action="/app/knowledge/policies/refresh">
            <Button submit loading={fetcher.state !== "idle"}>
              Refresh policies
            </Button>
          </fetcher.Form>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
