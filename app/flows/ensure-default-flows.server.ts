// Gives a shop every flow kind (FLOW_KINDS: ten, all off) with their default steps and copy. Safe to call
// on every install and page load, and concurrently: every insert is
// INSERT … ON CONFLICT DO NOTHING against the unique keys (shopId, kind),
// (flowId, position) and (stepDefinitionId, channel, locale).
//
// What it fills in, and nothing more, so a merchant's edits are kept:
// - a flow kind the shop does not have yet (created disabled, default settings);
// - the default steps of a flow that has no steps at all;
// - the default copy (every channel the step uses × en, es, fr) of a step that has
//   no template at all. A step with some templates is the merchant's: locales or
//   channels they left out stay out (the engine falls back by locale). Steps past
//   the default ones get the last default step's copy.
import { db } from "../db/client.server";
import type { Prisma } from "../generated/prisma/client";
import { DEFAULT_LOCALES, FLOW_DEFAULTS, FLOW_KINDS, defaultTemplate } from "./defaults";

export async function ensureDefaultFlows(shopId: string): Promise<void> {
  const client = db();
  await client.flow.createMany({
    data: FLOW_KINDS.map((kind) => ({
      shopId,
      kind,
      name: FLOW_DEFAULTS[kind].name,
      enabled: false,
      settings: FLOW_DEFAULTS[kind].settings as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });

  const flows = await client.flow.findMany({
    where: { shopId },
    select: { id: true, kind: true, _count: { select: { steps: true } } },
  });
  const bare = flows.filter((flow) => flow._count.steps === 0);
  if (bare.length > 0) {
    await client.flowStepDefinition.createMany({
      data: bare.flatMap((flow) =>
        FLOW_DEFAULTS[flow.kind].steps.map((step) => ({
          flowId: flow.id,
          position: step.position,
          delayMinutes: step.delayMinutes,
          channels: step.channels,
        })),
      ),
      skipDuplicates: true,
    });
  }

  const steps = await client.flowStepDefinition.findMany({
    where: { flow: { shopId }, templates: { none: {} } },
    select: { id: true, position: true, channels: true, flow: { select: { kind: true } } },
  });
  const missing: Prisma.TemplateCreateManyInput[] = [];
  for (const step of steps) {
    for (const channel of step.channels) {
      for (const locale of DEFAULT_LOCALES) {
        const copy = defaultTemplate(step.flow.kind, step.position, channel, locale);
        if (!copy) continue;
        missing.push({
          shopId,
          stepDefinitionId: step.id,
          channel,
          locale,
          subject: copy.subject,
          body: copy.body,
        });
      }
    }
  }
  if (missing.length > 0) {
    await client.template.createMany({ data: missing, skipDuplicates: true });
  }
}
