// The merge page's server side (/app/customers/:id/merge): the search results and the preview to
// show, and the confirmed merge. Replies keep the shapes the page and outside tests read.
import { z } from "zod";
import { listCustomers, requireCustomer } from "../../admin-queries/customers.server";
import { customerLabelOf } from "../../admin-queries/customer-labels.server";
import type { StaffRef } from "./merge.server";
import { mergeCustomers, MergeRefusedError, previewMerge } from "./merge.server";

const paramsSchema = z.object({ id: z.string().min(1).max(64) });
const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  with: z.string().min(1).max(64).optional().catch(undefined),
});
const actionSchema = z.object({ with: z.string().min(1).max(64) });

function customerIdOf(params: unknown): string {
  const p = paramsSchema.safeParse(params);
  if (!p.success) throw new Response("Not found", { status: 404 });
  return p.data.id;
}

export async function mergePageData(shopId: string, params: unknown, searchParams: URLSearchParams) {
  const id = customerIdOf(params);
  const query = querySchema.parse(Object.fromEntries(searchParams));
  const customer = await requireCustomer(shopId, id);
  const results = query.q
    ? (await listCustomers({ shopId, q: query.q, pageSize: 10 })).customers.filter((c) => c.id !== customer.id)
    : [];
  const preview = query.with ? await previewMerge(shopId, customer.id, query.with) : null;
  return {
    customer: { id: customer.id, name: await customerLabelOf(shopId, customer), mergedIntoId: customer.mergedIntoId },
    q: query.q ?? "",
    results: results.map((r) => ({ id: r.id, name: r.name, email: r.email, phone: r.phone })),
    preview,
  };
}

/** Merges the chosen customer into this one; answers where to go next, or why not. */
export async function runMerge(
  shopId: string,
  params: unknown,
  form: unknown,
  staff: StaffRef,
): Promise<{ redirectTo: string } | { body: { error: string }; status: 400 | 409 }> {
  const id = customerIdOf(params);
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) return { body: { error: "Choose the customer to merge first." }, status: 400 };
  let mergeId: string;
  try {
    ({ mergeId } = await mergeCustomers(shopId, id, parsed.data.with, staff));
  } catch (error) {
    if (error instanceof MergeRefusedError) return { body: { error: error.message }, status: 409 };
    throw error;
  }
  return { redirectTo: `/app/customers/${id}?merged=${encodeURIComponent(mergeId)}` };
}
