// The shop both dispatch benchmarks drive: a Twilio connection (its API at TWILIO_API_BASE_URL)
// and only the order confirmation flow on, by SMS. App modules are imported when called, after
// the benchmark has set the environment (and, for the profile, its own database client).
const BENCH_TWILIO = { accountSid: "AC" + "be".repeat(16), authToken: "token", fromNumber: "+15005550006" };

export async function seedOrderConfirmationShop(domain: string): Promise<{ shopId: string; flowId: string }> {
  const { db } = await import("../../app/db/client.server");
  const { saveConnection } = await import("../../app/channels/credentials.server");
  const { ensureDefaultFlows } = await import("../../app/flows/ensure-default-flows.server");
  const shop = await db().shop.upsert({ where: { domain }, create: { domain }, update: {} });
  await saveConnection(shop.id, "TWILIO", BENCH_TWILIO);
  await ensureDefaultFlows(shop.id);
  const flow = await db().flow.update({
    where: { shopId_kind: { shopId: shop.id, kind: "ORDER_CONFIRMATION" } },
    data: { enabled: true },
  });
  await db().flowStepDefinition.updateMany({ where: { flowId: flow.id }, data: { channels: ["SMS"] } });
  return { shopId: shop.id, flowId: flow.id };
}
