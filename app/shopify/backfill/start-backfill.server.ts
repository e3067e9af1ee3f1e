export async function startBackfill(shopId: string, reason: string): Promise<string> {
  throw new Error(`TODO startBackfill ${shopId} ${reason}`);
}
