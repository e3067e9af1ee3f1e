export function checkoutsUpdatedSinceQuery(since: Date): string {
  return `updated_at:>='${since.toISOString()}'`;
}
