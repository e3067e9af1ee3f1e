// The routing rules in evaluation order: name (opens the editor), what it checks and does, how often
// it matched, an on/off switch and Move up / Move down buttons. Every control is a native button or
// checkbox posting to /app/routing, so the list works from the keyboard.
import { Link as RemixLink, useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, Checkbox, InlineStack, Text } from "@shopify/polaris";
import type { RoutingAction, RoutingCondition } from "../../routing/rule-schema";
import { formatDateTime, type ShopFormat } from "../format";
import { actionText, conditionText } from "./rule-text";

export interface RuleRow {
  id: string;
  name: string;
  enabled: boolean;
  matchCount: number;
  lastMatchedAt: string | null;
  rule: { conditions: RoutingCondition[]; actions: RoutingAction[] } | null;
}

type Names = Parameters<typeof actionText>[1];

function RuleItem({
  rule,
  index,
  count,
  names,
  format,
}: {
  rule: RuleRow;
  index: number;
  count: number;
  names: Names;
  format: ShopFormat;
}) {
  const fetcher = useFetcher<{ ok: boolean; error?: string }>();
  const busy = fetcher.state !== "idle";
  const post = (fields: Record<string, string>) =>
    fetcher.submit({ id: rule.id, ...fields }, { method: "post", action: "/app/routing" });
  const conditions = rule.rule?.conditions ?? [];
  return (
    <Box padding="400" borderBlockEndWidth="025" borderColor="border">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center" gap="300">
          <InlineStack gap="200" blockAlign="center">
            <Text as="span" tone="subdued">
              {index + 1}.
            </Text>
            <RemixLink to={`/app/routing/${rule.id}`} data-rule-link="">
              <Text as="span" fontWeight="semibold">
                {rule.name}
              </Text>
            </RemixLink>
            {rule.enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
            {rule.rule ? null : <Badge tone="critical">Unreadable: open and save again</Badge>}
          </InlineStack>
          <InlineStack gap="200" blockAlign="center">
            <Checkbox
              label={`Rule “${rule.name}” on`}
              labelHidden
              checked={rule.enabled}
              disabled={busy}
              onChange={(on) => post({ intent: "toggle", enabled: on ? "on" : "off" })}
            />
            <Button
              size="slim"
              disabled={busy || index === 0}
              accessibilityLabel={`Move “${rule.name}” up`}
              onClick={() => post({ intent: "move", direction: "up" })}
            >
              Move up
            </Button>
            <Button
              size="slim"
              disabled={busy || index === count - 1}
              accessibilityLabel={`Move “${rule.name}” down`}
              onClick={() => post({ intent: "move", direction: "down" })}
            >
              Move down
            </Button>
          </InlineStack>
        </InlineStack>
        <Text as="p" variant="bodySm">
          When: {conditions.length ? conditions.map(conditionText).join("; ") : "every new or reopened conversation"}
        </Text>
        <Text as="p" variant="bodySm">
          Then: {(rule.rule?.actions ?? []).map((a) => actionText(a, names)).join("; ") || "nothing"}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued" data-match-count={rule.matchCount}>
          Matched {rule.matchCount} {rule.matchCount === 1 ? "conversation" : "conversations"}
          {rule.lastMatchedAt ? `, last on ${formatDateTime(rule.lastMatchedAt, format)}` : ""}
        </Text>
        {fetcher.data && !fetcher.data.ok ? (
          <Text as="p" tone="critical">
            {fetcher.data.error}
          </Text>
        ) : null}
      </BlockStack>
    </Box>
  );
}

export function RuleList({ rules, names, format }: { rules: RuleRow[]; names: Names; format: ShopFormat }) {
  return (
    <Card padding="0">
      <Box padding="400" borderBlockEndWidth="025" borderColor="border">
        <Text as="p" tone="subdued">
          Each new or reopened conversation goes through the rules from the top; the first rule that is on and whose
          conditions all hold acts, and the others are skipped.
        </Text>
      </Box>
      {rules.map((rule, index) => (
        <RuleItem key={rule.id} rule={rule} index={index} count={rules.length} names={names} format={format} />
      ))}
    </Card>
  );
}
