// The customer page's merge history: every merge this customer took part in, as "Merged <source>
// into <target>", with "Undo merge" on those that merged another customer into this one (and not
// undone yet). Data comes from the resource route app.customers.$id.merges.tsx.
import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Link, Spinner, Text } from "@shopify/polaris";
import type { action, loader } from "../routes/app.customers.$id.merges";
import { formatDateTime, type ShopFormat } from "./format";

export function MergeHistory({ customerId, format }: { customerId: string; format: ShopFormat }) {
  const list = useFetcher<typeof loader>();
  const undo = useFetcher<typeof action>();
  const url = `/app/customers/${customerId}/merges`;

  useEffect(() => {
    list.load(url);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once per customer
  }, [url]);
  useEffect(() => {
    if (undo.state === "idle" && undo.data) list.load(url);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload after an undo finished
  }, [undo.state, undo.data]);

  const merges = list.data?.merges ?? [];
  const undoingId = undo.state !== "idle" ? undo.formData?.get("mergeId") : null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Merges
        </Text>
        {undo.data && !undo.data.ok ? (
          <Banner tone="critical" title="The merge was not undone">
            <Text as="p">{undo.data.error}</Text>
          </Banner>
        ) : null}
        {!list.data ? (
          <Spinner size="small" accessibilityLabel="Loading merge history" />
        ) : merges.length === 0 ? (
          <Text as="p" tone="subdued">
            This customer has not been merged with another one.{" "}
            <Link url={`/app/customers/${customerId}/merge`}>Merge with another customer</Link>
          </Text>
        ) : (
          merges.map((m) => (
            <BlockStack key={m.id} gap="100">
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Text as="span">
                  {/* Source into target, in the names they had when merged (a merge may rename the target). */}
                  Merged <CustomerRef id={m.mergedId} name={m.mergedName} self={customerId} /> into{" "}
                  <CustomerRef id={m.survivorId} name={m.survivorName} self={customerId} />
                </Text>
                {m.undoneAt ? <Badge>Undone</Badge> : null}
              </InlineStack>
              <Text as="span" variant="bodySm" tone="subdued">
                {formatDateTime(m.createdAt, format)}
                {m.staffName ? ` by ${m.staffName}` : ""}
              </Text>
              {m.canUndo ? (
                <undo.Form method="post" action={url}>
                  <input type="hidden" name="mergeId" value={m.id} />
                  <Button
                    submit
                    size="slim"
                    loading={undoingId === m.id}
                    accessibilityLabel={`Undo merge of ${m.mergedName}`}
                  >
                    Undo merge
                  </Button>
                </undo.Form>
              ) : null}
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}

function CustomerRef({ id, name, self }: { id: string; name: string; self: string }) {
  if (id === self) return <>{name} (this customer)</>;
  return <Link url={`/app/customers/${id}`}>{name}</Link>;
}
