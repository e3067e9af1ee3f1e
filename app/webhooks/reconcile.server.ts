export async function reconcileWebhookReceipts(): Promise<number> {
  return 0;
}
