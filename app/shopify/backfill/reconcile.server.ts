export async function reconcileBackfillRuns(): Promise<number> {
  return 0;
}
