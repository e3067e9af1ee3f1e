// The shop's optional language model: provider, model, endpoint, API key (never shown back: the
// card only knows whether one is stored), daily token budget, timeout and an optional embedding
// model, with today's usage and a Test connection button. Saves to /app/answers/model, tests
// through /app/answers/model/test; data from languageModelCardData (app/llm/settings-card.server.ts).
import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  InlineGrid,
  InlineStack,
  ProgressBar,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useRef, useState } from "react";
import type { LanguageModelCardData, SaveLlmFormResult } from "../../llm/settings-card.server";
import type { LlmProvider } from "../../llm/settings";
import type { TestConnectionResult } from "../../llm/test-connection.server";

const PROVIDERS: Array<{ label: string; value: LlmProvider }> = [
  { label: "OpenAI", value: "openai" },
  { label: "Anthropic", value: "anthropic" },
  { label: "OpenAI-compatible server (Ollama, vLLM, LM Studio)", value: "openai_compatible" },
];
const MODEL_EXAMPLE: Record<LlmProvider, string> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-3-5-haiku-latest",
  openai_compatible: "llama3.1",
};
const EMBEDDING_EXAMPLE: Record<LlmProvider, string> = {
  openai: "text-embedding-3-small",
  anthropic: "",
  openai_compatible: "nomic-embed-text",
};

const number = (n: number) => n.toLocaleString("en-US");

function UsageLine({ used, budget }: { used: number | null; budget: number }) {
  if (used === null) return <Text as="p">Today's usage could not be read (Redis is unreachable).</Text>;
  const share = budget > 0 ? Math.min(100, (used / budget) * 100) : 100;
  return (
    <BlockStack gap="100">
      <Text as="p">
        {number(used)} of {number(budget)} tokens used today (UTC).
        {used >= budget ? " The budget is spent: answers come from your articles alone until midnight UTC." : ""}
      </Text>
      <ProgressBar progress={share} size="small" tone={used >= budget ? "critical" : "primary"} />
    </BlockStack>
  );
}

function TestOutcome({ result }: { result: TestConnectionResult }) {
  if (!result.ok)
    return (
      <Banner tone="critical" title="Test failed">
        {result.error}
      </Banner>
    );
  return (
    <Banner tone="success" title="Connection works">
      {result.model} answered{result.tokens !== null ? ` (${number(result.tokens)} tokens)` : ""}.
      {result.embedding
        ? ` ${result.embedding.model} returned a vector of ${number(result.embedding.dimensions)} dimensions.`
        : ""}
    </Banner>
  );
}

export function LanguageModelCard({ data }: { data: LanguageModelCardData }) {
  const save = useFetcher<SaveLlmFormResult>();
  const test = useFetcher<TestConnectionResult>();
  const formRef = useRef<HTMLFormElement>(null);
  const s = data.settings;
  const [enabled, setEnabled] = useState(s.enabled);
  const [provider, setProvider] = useState<LlmProvider>(s.provider);
  const [model, setModel] = useState(s.model);
  const [baseUrl, setBaseUrl] = useState(s.baseUrl ?? "");
  const [apiKey, setApiKey] = useState("");
  const [clearApiKey, setClearApiKey] = useState(false);
  const [budget, setBudget] = useState(String(s.dailyTokenBudget));
  const [timeout, setTimeoutSeconds] = useState(String(s.timeoutMs / 1000));
  const [embeddingModel, setEmbeddingModel] = useState(s.embeddingModel ?? "");

  const saved = save.state === "idle" ? save.data : undefined;
  const tested = test.state === "idle" ? test.data : undefined;
  const hasKey = saved?.ok ? saved.settings.hasApiKey : s.hasApiKey;
  const problem = saved && !saved.ok ? saved : tested && !tested.ok && tested.field ? tested : undefined;
  const fieldError = (field: string) => (problem?.field === field ? problem.error : undefined);

  const runTest = () => {
    if (formRef.current)
      test.submit(new FormData(formRef.current), { method: "post", action: "/app/answers/model/test" });
  };

  return (
    <div style={{ marginTop: 16 }} data-testid="language-model-card">
      <Card>
        <save.Form method="post" action="/app/answers/model" ref={formRef}>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Language model
            </Text>
            <Text as="p" tone="subdued">
              Optional. With a model switched on, answers are written fluently from your articles, in the customer's
              language; the model never answers what your articles do not cover, and anything that must go to a person
              still does. An embedding model also helps find the right article for questions worded differently.
            </Text>
            {!enabled ? <Banner tone="info">Off: answers come from your published articles alone.</Banner> : null}
            <Checkbox label="Use a language model" name="enabled" value="on" checked={enabled} onChange={setEnabled} />
            <Select
              label="Provider"
              name="provider"
              options={PROVIDERS}
              value={provider}
              onChange={(v) => setProvider(v as LlmProvider)}
              error={fieldError("provider")}
            />
            <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
              <TextField
                label="Model"
                name="model"
                value={model}
                onChange={setModel}
                placeholder={MODEL_EXAMPLE[provider]}
                autoComplete="off"
                error={fieldError("model")}
              />
              <TextField
                label="Embedding model (optional)"
                name="embeddingModel"
                value={provider === "anthropic" ? "" : embeddingModel}
                onChange={setEmbeddingModel}
                placeholder={EMBEDDING_EXAMPLE[provider]}
                disabled={provider === "anthropic"}
                helpText={
                  provider === "anthropic"
                    ? "Anthropic has no embedding models."
                    : "Blank: articles are found by their words alone."
                }
                autoComplete="off"
                error={fieldError("embeddingModel")}
              />
            </InlineGrid>
            <TextField
              label={provider === "openai_compatible" ? "Base URL" : "Base URL (optional)"}
              name="baseUrl"
              type="url"
              value={baseUrl}
              onChange={setBaseUrl}
              placeholder={provider === "openai_compatible" ? "http://127.0.0.1:11434/v1" : "Provider's default"}
              helpText={
                provider === "openai_compatible"
                  ? "The server's OpenAI-compatible API, usually ending in /v1."
                  : "Only for a proxy in front of the provider."
              }
              autoComplete="off"
              error={fieldError("baseUrl")}
            />
            <TextField
              label="API key"
              name="apiKey"
              type="password"
              value={apiKey}
              onChange={setApiKey}
              disabled={clearApiKey}
              helpText={
                hasKey
                  ? "A key is stored (never shown). Leave blank to keep it."
                  : provider === "openai_compatible"
                    ? "No key stored. A local server may need none."
                    : "No key stored."
              }
              autoComplete="new-password"
              error={fieldError("apiKey")}
            />
            {hasKey ? (
              <Checkbox
                label="Remove stored key"
                name="clearApiKey"
                value="on"
                checked={clearApiKey}
                onChange={setClearApiKey}
              />
            ) : null}
            <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
              <TextField
                label="Daily token budget"
                name="dailyTokenBudget"
                type="number"
                min={0}
                value={budget}
                onChange={setBudget}
                helpText="Every call counts, embeddings included. Reset at midnight UTC."
                autoComplete="off"
                error={fieldError("dailyTokenBudget")}
              />
              <TextField
                label="Timeout (seconds)"
                name="timeoutSeconds"
                type="number"
                min={0.5}
                max={60}
                step={0.5}
                value={timeout}
                onChange={setTimeoutSeconds}
                helpText="Past it, the answer comes from your articles alone."
                autoComplete="off"
                error={fieldError("timeoutSeconds")}
              />
            </InlineGrid>
            <UsageLine used={data.usedToday} budget={s.dailyTokenBudget} />
            {s.embeddingModel ? (
              <Text as="p" tone="subdued">
                {number(data.sections.embedded)} of {number(data.sections.published)} published sections have a vector
                from {s.embeddingModel}.
              </Text>
            ) : null}
            {saved && !saved.ok ? <Banner tone="critical">{saved.error}</Banner> : null}
            {saved && saved.ok ? <Banner tone="success">Language model settings saved.</Banner> : null}
            {tested ? <TestOutcome result={tested} /> : null}
            <Box>
              <InlineStack gap="200">
                <Button submit variant="primary" loading={save.state !== "idle"}>
                  Save language model
                </Button>
                <Button onClick={runTest} loading={test.state !== "idle"}>
                  Test connection
                </Button>
              </InlineStack>
            </Box>
          </BlockStack>
        </save.Form>
      </Card>
    </div>
  );
}
