// The customer an inbound SMS / WhatsApp number belongs to: a WHATSAPP identity for WhatsApp
// messages first, then the PHONE identity (resolveCustomer, which creates the customer when the
// number is new). A WhatsApp sender also gets its WHATSAPP identity recorded.
import type { Channel } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { resolveCustomer } from "./resolve-customer.server";

export async function customerForPhone(
  tx: Tx,
  shopId: string,
  input: { phone: string; channel: Channel; profileName?: string | null },
): Promise<{ customerId: string; created: boolean }> {
  const whatsapp = input.channel === "WHATSAPP";
  if (whatsapp) {
    const identity = await tx.customerIdentity.findUnique({
      where: { shopId_kind_value: { shopId, kind: "WHATSAPP", value: input.phone } },
      select: { customer: { select: { id: true, mergedIntoId: true } } },
    });
    if (identity) return { customerId: identity.customer.mergedIntoId ?? identity.customer.id, created: false };
  }
  const [firstName, ...rest] = (input.profileName ?? "").trim().split(/\s+/).filter(Boolean);
  const resolved = await resolveCustomer(tx, shopId, {
    phones: [input.phone],
    firstName: firstName ?? null,
    lastName: rest.length ? rest.join(" ") : null,
  });
  if (!resolved) {
    // A number libphonenumber does not know yet (new ranges, short codes): still one customer per number.
    const known = await tx.customerIdentity.findUnique({
      where: { shopId_kind_value: { shopId, kind: "PHONE", value: input.phone } },
      select: { customerId: true },
    });
    if (known) return { customerId: known.customerId, created: false };
    const customer = await tx.customer.create({
      data: { shopId, phone: input.phone, firstName: firstName ?? null, lastName: rest.length ? rest.join(" ") : null },
    });
    await tx.customerIdentity.create({ data: { shopId, customerId: customer.id, kind: "PHONE", value: input.phone } });
    if (whatsapp)
      await tx.customerIdentity.create({
        data: { shopId, customerId: customer.id, kind: "WHATSAPP", value: input.phone },
      });
    return { customerId: customer.id, created: true };
  }
  if (whatsapp) {
    await tx.customerIdentity.createMany({
      data: [{ shopId, customerId: resolved.customerId, kind: "WHATSAPP", value: input.phone }],
      skipDuplicates: true,
    });
  }
  return resolved;
}
