// The brand voice guide: tone, a greeting and sign-off per language, and words to avoid. Every
// automatic answer goes through it (applyBrandVoice); Try it shows the result.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { formatWordsToAvoid, MAX_BRAND_PHRASE, type BrandVoice } from "../../knowledge/brand-voice";
import type { KnowledgeLocale } from "../../knowledge/contracts";
import { LOCALE_NAMES } from "../../knowledge/limits";

type SaveAnswer = { ok: true } | { ok: false; error: string };
const LOCALES: KnowledgeLocale[] = ["en", "es", "fr"];

export function BrandVoiceCard({ voice }: { voice: BrandVoice }) {
  const fetcher = useFetcher<SaveAnswer>();
  const [tone, setTone] = useState<string>(voice.tone);
  const [greeting, setGreeting] = useState(voice.greeting);
  const [signOff, setSignOff] = useState(voice.signOff);
  const [words, setWords] = useState(formatWordsToAvoid(voice.wordsToAvoid));
  const [language, setLanguage] = useState<KnowledgeLocale>("en");
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;

  return (
    <div style={{ marginTop: 16 }}>
      <Card>
        <fetcher.Form method="post" action="/app/knowledge/brand-voice">
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Brand voice
            </Text>
            <Select
              label="Tone"
              name="tone"
              options={[
                { label: "Friendly", value: "friendly" },
                { label: "Neutral", value: "neutral" },
                { label: "Formal", value: "formal" },
              ]}
              value={tone}
              onChange={setTone}
              helpText="Used when answers are written by a language model; answers from articles keep your words."
            />
            <Select
              label="Greeting and sign-off for answers in"
              options={LOCALES.map((l) => ({ label: LOCALE_NAMES[l], value: l }))}
              value={language}
              onChange={(v) => setLanguage(v as KnowledgeLocale)}
            />
            <TextField
              label={`Greeting (${LOCALE_NAMES[language]})`}
              value={greeting[language]}
              onChange={(v) => setGreeting({ ...greeting, [language]: v })}
              autoComplete="off"
              maxLength={MAX_BRAND_PHRASE}
              placeholder={language === "en" ? "Hi there!" : language === "es" ? "¡Hola!" : "Bonjour !"}
            />
            <TextField
              label={`Sign-off (${LOCALE_NAMES[language]})`}
              value={signOff[language]}
              onChange={(v) => setSignOff({ ...signOff, [language]: v })}
              autoComplete="off"
              maxLength={MAX_BRAND_PHRASE}
            />
            <div style={{ display: "none" }}>
              {LOCALES.map((l) => (
                <span key={l}>
                  <input type="hidden" name={`greeting.${l}`} value={greeting[l]} />
                  <input type="hidden" name={`signOff.${l}`} value={signOff[l]} />
                </span>
              ))}
            </div>
            <TextField
              label="Words to avoid"
              name="wordsToAvoid"
              value={words}
              onChange={setWords}
              multiline={3}
              autoComplete="off"
              helpText="One per line. “cheap -> affordable” replaces the word; a word alone is removed."
            />
            <Box>
              <Button submit loading={fetcher.state !== "idle"}>
                Save brand voice
              </Button>
            </Box>
            {answer?.ok ? <Banner tone="success" title="Brand voice saved." /> : null}
            {answer && !answer.ok ? (
              <Banner tone="critical">
                <Text as="p">{answer.error}</Text>
              </Banner>
            ) : null}
          </BlockStack>
        </fetcher.Form>
      </Card>
    </div>
  );
}
