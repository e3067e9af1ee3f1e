export async function sweepAbandonedCheckouts(shopId: string): Promise<void> {
  throw new Error(`TODO sweep ${shopId}`);
}
export async function sweepAllShops(): Promise<void> {}
