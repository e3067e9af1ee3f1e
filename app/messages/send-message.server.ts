// (Being implemented.) The send job: claim, provider call, record the outcome.
import type { Job } from "bullmq";

export async function sendMessage(messageId: string, job?: Job): Promise<void> {
  void job;
  throw new Error(`TODO sendMessage ${messageId}`);
}
