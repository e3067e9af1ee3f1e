// A batch's CPU work (parsing payloads, rendering templates, building provider requests) shares
// the event loop with webhook intake. While webhooks are arriving, the batch gives the loop back
// between items, so a webhook waits for at most one item's work, not a whole batch's.
import { intakePriority } from "../jobs/intake-priority.server";

export async function yieldToIntake(): Promise<void> {
  if (intakePriority().intakeBusy()) await new Promise((resolve) => setImmediate(resolve));
}
