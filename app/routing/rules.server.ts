// The shop's routing rules for the admin pages: list in position order, read one, save (zod-checked,
// every referenced team, staff member and saved reply must be the shop's), move up or down, switch
// on or off, delete. Every function is scoped to the shop: another shop's rule id answers 404.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { inRetryingTransaction } from "../commerce/transaction.server";
import { lockUntilCommit } from "../db/advisory-lock.server";
import { firstIssue, readStoredRule, ruleInputSchema, type RuleInput } from "./rule-schema";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export async function listRules(shopId: string) {
  const rows = await db().routingRule.findMany({
    where: { shopId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    position: r.position,
    enabled: r.enabled,
    matchCount: r.matchCount,
    lastMatchedAt: r.lastMatchedAt?.toISOString() ?? null,
    rule: readStoredRule(r),
  }));
}

export async function requireRule(shopId: string, id: string) {
  const row = await db().routingRule.findFirst({ where: { shopId, id } });
  if (!row) notFound();
  const parsed = readStoredRule(row);
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    matchCount: row.matchCount,
    conditions: parsed?.conditions ?? [],
    actions: parsed?.actions ?? [],
  };
}

/** Teams, staff members and saved replies the builders offer. */
export async function editorOptions(shopId: string) {
  const [teams, staff, savedReplies] = await Promise.all([
    db().team.findMany({ where: { shopId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().staffMember.findMany({ where: { shopId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().savedReply.findMany({ where: { shopId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { teams, staff, savedReplies };
}

export type SaveRuleResult = { ok: true; id: string } | { ok: false; field: string; error: string };

/** A references check: each id the actions name must be the shop's. */
async function referencesError(shopId: string, rule: RuleInput): Promise<{ field: string; error: string } | null> {
  for (const [i, a] of rule.actions.entries()) {
    const found =
      a.type === "assign_team"
        ? await db().team.count({ where: { shopId, id: a.teamId } })
        : a.type === "assign_person"
          ? await db().staffMember.count({ where: { shopId, id: a.staffMemberId } })
          : a.type === "send_saved_reply"
            ? await db().savedReply.count({ where: { shopId, id: a.savedReplyId } })
            : 1;
    if (found === 0) {
      const key = a.type === "assign_team" ? "teamId" : a.type === "assign_person" ? "staffMemberId" : "savedReplyId";
      return { field: `actions.${i}.${key}`, error: `actions.${i}.${key}: not found in this shop` };
    }
  }
  return null;
}

export function parseRuleInput(
  value: unknown,
): { ok: true; rule: RuleInput } | { ok: false; field: string; error: string } {
  const parsed = ruleInputSchema.safeParse(value);
  return parsed.success ? { ok: true, rule: parsed.data } : { ok: false, ...firstIssue(parsed.error) };
}

/** id null creates the rule at the end of the list. */
export async function saveRule(shopId: string, id: string | null, value: unknown): Promise<SaveRuleResult> {
  const parsed = parseRuleInput(value);
  if (!parsed.ok) return parsed;
  const rule = parsed.rule;
  const refError = await referencesError(shopId, rule);
  if (refError) return { ok: false, ...refError };
  const data = {
    name: rule.name,
    enabled: rule.enabled,
    conditions: rule.conditions as Prisma.InputJsonArray,
    actions: rule.actions as Prisma.InputJsonArray,
  };
  if (id) {
    const { count } = await db().routingRule.updateMany({ where: { shopId, id }, data });
    if (count === 0) notFound();
    return { ok: true, id };
  }
  const created = await inRetryingTransaction(async (tx) => {
    await lockUntilCommit(tx, `routing-rules:${shopId}`);
    const last = await tx.routingRule.findFirst({
      where: { shopId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    return tx.routingRule.create({
      data: { ...data, shopId, position: (last?.position ?? 0) + 1 },
      select: { id: true },
    });
  });
  return { ok: true, id: created.id };
}

/** Swaps the rule with its neighbour above or below; at either end nothing moves. */
export async function moveRule(shopId: string, id: string, direction: "up" | "down"): Promise<void> {
  await inRetryingTransaction(async (tx) => {
    await lockUntilCommit(tx, `routing-rules:${shopId}`);
    const rules = await tx.routingRule.findMany({
      where: { shopId },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    const at = rules.findIndex((r) => r.id === id);
    if (at < 0) notFound();
    const to = direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= rules.length) return;
    [rules[at], rules[to]] = [rules[to]!, rules[at]!];
    // Positions are rewritten 1..n, which also repairs gaps and ties.
    for (const [i, r] of rules.entries())
      await tx.routingRule.update({ where: { id: r.id }, data: { position: i + 1 } });
  });
}

export async function setRuleEnabled(shopId: string, id: string, enabled: boolean): Promise<void> {
  const { count } = await db().routingRule.updateMany({ where: { shopId, id }, data: { enabled } });
  if (count === 0) notFound();
}

export async function deleteRule(shopId: string, id: string): Promise<void> {
  const { count } = await db().routingRule.deleteMany({ where: { shopId, id } });
  if (count === 0) notFound();
}

/** Writes only Shop.settings.routing (other features' keys stay as they are). */
export async function saveRoutingSettings(
  shopId: string,
  settings: { reassignAfterMinutes: number | null; escalateAfterMinutes: number | null },
): Promise<void> {
  await db().$executeRaw(Prisma.sql`
    UPDATE "Shop"
       SET settings = jsonb_set(
             CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END,
             '{routing}'::text[], ${JSON.stringify(settings)}::jsonb),
           "updatedAt" = now()
     WHERE id = ${shopId}`);
}
