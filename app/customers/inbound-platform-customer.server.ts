// The customer a platform-scoped id (Messenger PSID, Instagram IGSID, storefront chat visitor id)
// belongs to: the owner of that identity (following merges), else a new customer carrying it.
import type { IdentityKind } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";

const MAX_MERGE_HOPS = 5;

export async function followMergedCustomer(tx: Tx, customerId: string): Promise<string> {
  let id = customerId;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const row = await tx.customer.findUnique({ where: { id }, select: { mergedIntoId: true } });
    if (!row?.mergedIntoId) return id;
    id = row.mergedIntoId;
  }
  return id;
}

export async function customerForPlatformId(
  tx: Tx,
  shopId: string,
  kind: Extract<IdentityKind, "INSTAGRAM" | "MESSENGER" | "CHAT_VISITOR">,
  value: string,
  facts: { firstName?: string | null; email?: string | null } = {},
): Promise<{ customerId: string; created: boolean }> {
  const identity = await tx.customerIdentity.findUnique({
    where: { shopId_kind_value: { shopId, kind, value } },
    select: { customerId: true },
  });
  if (identity) return { customerId: await followMergedCustomer(tx, identity.customerId), created: false };
  const customer = await tx.customer.create({
    data: { shopId, firstName: facts.firstName ?? null, email: facts.email ?? null },
    select: { id: true },
  });
  // A concurrent insert of the same identity aborts the transaction; inRetryingTransaction re-runs it.
  await tx.customerIdentity.create({ data: { shopId, customerId: customer.id, kind, value } });
  return { customerId: customer.id, created: true };
}
