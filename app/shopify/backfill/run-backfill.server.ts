export async function runBackfill(backfillRunId: string): Promise<void> {
  throw new Error(`TODO runBackfill ${backfillRunId}`);
}
