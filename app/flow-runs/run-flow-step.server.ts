// (Being implemented.) The flow-step job: rules decide defer, skip or send.
export async function runFlowStep(flowStepId: string): Promise<void> {
  throw new Error(`TODO runFlowStep ${flowStepId}`);
}
