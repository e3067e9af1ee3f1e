export async function processWebhookReceipt(receiptId: string): Promise<void> {
  throw new Error(`TODO processWebhookReceipt ${receiptId}`);
}
