// GET/POST /app/routing/<id | "new">: the rule editor. POST intent=save with `rule` = the rule JSON
// ({ name, enabled, conditions, actions }) → 200 { ok: true, id } or 400 { ok: false, field, error };
// intent=delete → 200 { ok: true }. Another shop's rule id answers 404.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { pageTitle } from "../components/page-title";
import { RuleEditor } from "../components/routing/RuleEditor";
import type { RuleDraft } from "../components/routing/draft";
import { logger } from "../lib/logger.server";
import { deleteRule, editorOptions, requireRule, saveRule } from "../routing/rules.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Routing rule");

const ruleId = (raw: string | undefined) => (!raw || raw === "new" ? null : raw.slice(0, 64));

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const id = ruleId(params.id);
  const [rule, choices] = await Promise.all([id ? requireRule(shop.id, id) : null, editorOptions(shop.id)]);
  const initial: RuleDraft = rule
    ? { name: rule.name, enabled: rule.enabled, conditions: rule.conditions, actions: rule.actions }
    : { name: "", enabled: true, conditions: [], actions: [] };
  return json({ id, initial, choices, matchCount: rule?.matchCount ?? 0 });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const id = ruleId(params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "delete" && id) {
    await deleteRule(shop.id, id);
    return json({ ok: true as const });
  }
  if (intent !== "save")
    return json({ ok: false as const, error: "Unknown request: reload the page." }, { status: 400 });
  let value: unknown;
  try {
    value = JSON.parse(String(form.get("rule") ?? ""));
  } catch {
    return json({ ok: false as const, field: "rule", error: "rule: must be JSON" }, { status: 400 });
  }
  const result = await saveRule(shop.id, id, value);
  if (!result.ok) logger.info({ shopId: shop.id, error: result.error }, "routing rule refused");
  return json(result, { status: result.ok ? 200 : 400 });
};

export default function RoutingRulePage() {
  const { id, initial, choices, matchCount } = useLoaderData<typeof loader>();
  return (
    <Page
      title={id ? initial.name || "Routing rule" : "New routing rule"}
      subtitle={id ? `Matched ${matchCount} ${matchCount === 1 ? "conversation" : "conversations"}` : undefined}
      backAction={{ content: "Routing", url: "/app/routing" }}
    >
      <RuleEditor key={id ?? "new"} id={id} initial={initial} choices={choices} />
    </Page>
  );
}
