// Flow steps that are still to come or that did not go out, each with the reason
// in the merchant's words: the flow log and the customer's timeline show them
// beside the messages that were sent. Every query is scoped to one shop.
import { db } from "../db/client.server";
import type { Prisma } from "../generated/prisma/client";
import { describeStepReason } from "../flows/step-reason";
import { customerDisplayName } from "./customers.server";
import { notFound } from "./cursor.server";

export const STEP_LIST_LIMIT = 50;

export interface FlowStepRow {
  id: string;
  flow: { id: string; name: string };
  customer: { id: string; name: string };
  /** 1-based, as the editor numbers steps. */
  stepNumber: number;
  state: string;
  dueAt: Date;
  /** When it stopped waiting (skipped, cancelled, failed). */
  endedAt: Date;
  reason: string;
  cancellable: boolean;
}

const WAITING = ["PENDING", "DEFERRED"] as const;
const NOT_SENT = ["SKIPPED", "CANCELLED", "FAILED"] as const;

const select = {
  id: true,
  position: true,
  state: true,
  dueAt: true,
  updatedAt: true,
  deferredReason: true,
  lastError: true,
  run: {
    select: {
      status: true,
      flow: { select: { id: true, name: true } },
      customer: { select: { id: true, firstName: true, lastName: true, email: true, phone: true, redactedAt: true } },
    },
  },
} satisfies Prisma.FlowStepSelect;

type Row = Prisma.FlowStepGetPayload<{ select: typeof select }>;

async function shopTimeZone(shopId: string): Promise<string> {
  const shop = await db().shop.findUnique({ where: { id: shopId }, select: { ianaTimezone: true } });
  return shop?.ianaTimezone ?? "UTC";
}

function toRow(step: Row, shopTimeZone: string, now: Date): FlowStepRow {
  const waiting = (WAITING as readonly string[]).includes(step.state) && step.run.status === "ACTIVE";
  return {
    id: step.id,
    flow: step.run.flow,
    customer: { id: step.run.customer.id, name: customerDisplayName(step.run.customer) },
    stepNumber: step.position + 1,
    state: step.state,
    dueAt: step.dueAt,
    endedAt: step.updatedAt,
    reason: describeStepReason(step, { shopTimeZone, now }) ?? "",
    cancellable: waiting,
  };
}

async function stepLists(
  shopId: string,
  run: Prisma.FlowRunWhereInput,
  notSentWhere: Prisma.FlowStepWhereInput,
  now: Date,
) {
  const [zone, upcoming, notSent] = await Promise.all([
    shopTimeZone(shopId),
    db().flowStep.findMany({
      where: { shopId, state: { in: [...WAITING] }, run: { ...run, status: "ACTIVE" } },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: STEP_LIST_LIMIT,
      select,
    }),
    db().flowStep.findMany({
      where: { shopId, ...notSentWhere, state: { in: [...NOT_SENT] }, run },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: STEP_LIST_LIMIT,
      select,
    }),
  ]);
  return {
    upcoming: upcoming.map((s) => toRow(s, zone, now)),
    notSent: notSent.map((s) => toRow(s, zone, now)),
  };
}

/** A flow's waiting steps (soonest first) and its latest steps that were not sent. 404 for another shop's flow. */
export async function listFlowStepStatus(opts: { shopId: string; flowId: string; now?: Date }) {
  const flow = await db().flow.findFirst({ where: { id: opts.flowId, shopId: opts.shopId }, select: { id: true } });
  if (!flow) notFound();
  return stepLists(opts.shopId, { flowId: flow.id }, {}, opts.now ?? new Date());
}

/**
 * A customer's waiting flow steps, and the steps not sent that ended within (after, until]: the
 * timeline passes the time span of the events on its page, so each appears once, among them.
 */
export async function listCustomerFlowSteps(opts: {
  shopId: string;
  customerId: string;
  after?: Date | null;
  until?: Date | null;
  now?: Date;
}) {
  const ended: Prisma.DateTimeFilter = {
    ...(opts.after ? { gt: opts.after } : {}),
    ...(opts.until ? { lte: opts.until } : {}),
  };
  return stepLists(
    opts.shopId,
    { customerId: opts.customerId },
    opts.after || opts.until ? { updatedAt: ended } : {},
    opts.now ?? new Date(),
  );
}
