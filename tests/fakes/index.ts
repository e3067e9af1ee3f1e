// All messaging-vendor stand-ins at once, with the env vars that aim the app's SDK clients at them.
import { startFakeMetaGraph, type FakeMetaGraph, type FakeMetaGraphOptions } from "./meta";
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from "./openai";
import { startFakeSendGrid, type FakeSendGrid, type FakeSendGridOptions } from "./sendgrid";
import { startFakeTwilio, type FakeTwilio, type FakeTwilioOptions } from "./twilio";

export * from "./meta";
export * from "./openai";
export * from "./sendgrid";
export * from "./twilio";

export interface VendorFakes {
  twilio: FakeTwilio;
  sendgrid: FakeSendGrid;
  meta: FakeMetaGraph;
  /** OpenAI-compatible Chat Completions (language models, app/llm). */
  openai: FakeOpenAI;
  env: {
    TWILIO_API_BASE_URL: string;
    SENDGRID_API_BASE_URL: string;
    META_GRAPH_API_BASE_URL: string;
    OPENAI_API_BASE_URL: string;
  };
  reset(): void;
  close(): Promise<void>;
}

export async function startVendorFakes(
  opts: {
    twilio?: FakeTwilioOptions;
    sendgrid?: FakeSendGridOptions;
    meta?: FakeMetaGraphOptions;
    openai?: FakeOpenAIOptions;
  } = {},
): Promise<VendorFakes> {
  const started = await Promise.allSettled([
    startFakeTwilio(opts.twilio),
    startFakeSendGrid(opts.sendgrid),
    startFakeMetaGraph(opts.meta),
    startFakeOpenAI(opts.openai),
  ]);
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(started.map((s) => (s.status === "fulfilled" ? s.value.close() : undefined)));
    throw (failed as PromiseRejectedResult).reason;
  }
  const [twilio, sendgrid, meta, openai] = started.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [
    FakeTwilio,
    FakeSendGrid,
    FakeMetaGraph,
    FakeOpenAI,
  ];
  return {
    twilio,
    sendgrid,
    meta,
    openai,
    env: {
      TWILIO_API_BASE_URL: twilio.url,
      SENDGRID_API_BASE_URL: sendgrid.url,
      META_GRAPH_API_BASE_URL: meta.url,
      OPENAI_API_BASE_URL: openai.url,
    },
    reset() {
      twilio.reset();
      sendgrid.reset();
      meta.reset();
      openai.reset();
    },
    close: async () => {
      await Promise.all([twilio.close(), sendgrid.close(), meta.close(), openai.close()]);
    },
  };
}
