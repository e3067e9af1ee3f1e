// GET/POST /app/routing: the routing rules in evaluation order and the reassignment / escalation
// settings. POST intents: move (id, direction up|down), toggle (id, enabled on|off), settings
// (reassignAfterMinutes, escalateAfterMinutes). Domain: app/routing/; parts: app/components/routing/.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import { z } from "zod";
import { db } from "../db/client.server";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { shopFormatOf } from "../components/format";
import { pageTitle } from "../components/page-title";
import { RoutingSettingsCard } from "../components/routing/RoutingSettingsCard";
import { RuleList } from "../components/routing/RuleList";
import { logger } from "../lib/logger.server";
import { editorOptions, listRules, moveRule, saveRoutingSettings, setRuleEnabled } from "../routing/rules.server";
import { parseRoutingSettingsForm, readRoutingSettings } from "../routing/settings";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Routing");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const [rules, options, row] = await Promise.all([
    listRules(shop.id),
    editorOptions(shop.id),
    db().shop.findUniqueOrThrow({ where: { id: shop.id }, select: { settings: true } }),
  ]);
  return json({ rules, options, settings: readRoutingSettings(row.settings), format: shopFormatOf(shop) });
};

const ruleForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), id: z.string().min(1).max(64), direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("toggle"), id: z.string().min(1).max(64), enabled: z.enum(["on", "off"]) }),
]);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  if (form.get("intent") === "settings") {
    const parsed = parseRoutingSettingsForm((name) => (form.has(name) ? String(form.get(name)) : null));
    if (!parsed.ok) {
      logger.info({ shopId: shop.id, error: parsed.error }, "routing settings refused");
      return json(parsed, { status: 400 });
    }
    await saveRoutingSettings(shop.id, parsed.settings);
    return json({ ok: true as const, settings: parsed.settings });
  }
  const parsed = ruleForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ ok: false as const, error: "Unknown request: reload the page." }, { status: 400 });
  if (parsed.data.intent === "move") await moveRule(shop.id, parsed.data.id, parsed.data.direction);
  else await setRuleEnabled(shop.id, parsed.data.id, parsed.data.enabled === "on");
  return json({ ok: true as const });
};

export default function RoutingPage() {
  const { rules, options, settings, format } = useLoaderData<typeof loader>();
  const names = {
    teams: new Map(options.teams.map((t) => [t.id, t.name])),
    staff: new Map(options.staff.map((s) => [s.id, s.name])),
    replies: new Map(options.savedReplies.map((r) => [r.id, r.name])),
  };
  return (
    <Page
      title="Routing"
      subtitle="Who gets each new or reopened conversation"
      primaryAction={{ content: "Add rule", url: "/app/routing/new" }}
      secondaryActions={[{ content: "Open the queue", url: "/app/inbox?view=queue" }]}
    >
      <BlockStack gap="400">
        {rules.length === 0 ? (
          <EmptyStateCard heading="No routing rules yet" action={{ content: "Add rule", url: "/app/routing/new" }}>
            <p>
              Rules send each new or reopened conversation to the right team or person, by channel, language, what the
              customer asks, who they are and whether you are open. Conversations no rule assigns wait in the queue,
              longest waiting first.
            </p>
          </EmptyStateCard>
        ) : (
          <RuleList rules={rules} names={names} format={format} />
        )}
        <RoutingSettingsCard settings={settings} />
      </BlockStack>
    </Page>
  );
}
