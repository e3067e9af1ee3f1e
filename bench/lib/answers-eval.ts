// The labelled answers eval, shared by `npm run eval:answers` and its integration test.
// Two independent sets, each a store's articles.csv imported through the real CSV import (the
// documented format) and its labelled messages.json: "a" (tests/fixtures/answers/, a clothing
// store; the confidence model was first fitted on it) and "b" (tests/fixtures/answers-b/, a
// skincare shop written later as held-out data). Each message goes through decideAnswer and the
// decisions are scored. Imported only after DATABASE_URL points at the schema to use.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { db } from "../../app/db/client.server";
import { importKnowledgeCsv } from "../../app/knowledge/csv-import.server";
import { decideAnswer, bestCandidate } from "../../app/knowledge/decide-answer.server";
import type { AnswerDecision, HandoffReason, KnowledgeLocale } from "../../app/knowledge/contracts";
import { MANDATORY_HANDOFF_REASONS } from "../../app/knowledge/contracts";
import type { ConfidenceFeatures } from "../../app/knowledge/confidence-model";
import { detectMandatoryHandoff } from "../../app/knowledge/handoff-detectors";
import { detectOrderTracking, detectPromptInjection } from "../../app/knowledge/intent-detectors";
import { DEFAULT_ANSWER_SETTINGS } from "../../app/knowledge/answer-settings";
import { saveLlmSettings } from "../../app/llm/settings.server";
import { dataBlockOf, startFakeOpenAI, type FakeOpenAI } from "../../tests/fakes/openai";

export const EVAL_SETS = {
  a: { dir: "tests/fixtures/answers", name: "Threadline Outfitters" },
  b: { dir: "tests/fixtures/answers-b", name: "Lumen Skin" },
} as const;
export type EvalSet = keyof typeof EVAL_SETS;

export type Expected =
  /** alsoAccept: other articles that answer it as well (a message asking two questions). */
  | { kind: "answer"; articleQuestion: string; alsoAccept?: string[] }
  | { kind: "order_tracking" }
  | { kind: "handoff"; reason: HandoffReason }
  | { kind: "out_of_scope" };

export interface LabelledMessage {
  set: EvalSet;
  text: string;
  locale: KnowledgeLocale;
  expected: Expected;
  injection?: boolean;
  /** Every third message (index % 3 === 2) is held out: never looked at while fitting or tuning. */
  split: "tuning" | "held-out";
}

export function loadMessages(set: EvalSet = "a"): LabelledMessage[] {
  const raw = JSON.parse(readFileSync(resolve(EVAL_SETS[set].dir, "messages.json"), "utf8")) as Omit<
    LabelledMessage,
    "split" | "set"
  >[];
  return raw.map((m, index) => ({ ...m, set, split: index % 3 === 2 ? "held-out" : "tuning" }));
}

/** Is this the article (or one of the articles) the message expects? */
export function isExpectedArticle(expected: Expected, title: string | undefined): boolean {
  if (expected.kind !== "answer" || title === undefined) return false;
  return title === expected.articleQuestion || (expected.alsoAccept ?? []).includes(title);
}

/** A shop with the set's articles imported, published and indexed. */
export async function seedEvalShop(
  domain = "answers-eval.myshopify.com",
  settings: object = {},
  set: EvalSet = "a",
): Promise<string> {
  const shop = await db().shop.create({
    data: { domain, name: EVAL_SETS[set].name, settings: { answers: settings } },
  });
  const bytes = readFileSync(resolve(EVAL_SETS[set].dir, "articles.csv"));
  const result = await importKnowledgeCsv(
    shop.id,
    { name: "articles.csv", bytes: new Uint8Array(bytes) },
    { asDrafts: false, defaultLocale: "en" },
  );
  if (!result.ok) throw new Error(`fixture import failed: ${result.message} ${result.errors.join("; ")}`);
  return shop.id;
}

/**
 * The stand-in LLM for the eval's second mode: the OpenAI-format fake (tests/fakes/openai.ts)
 * scripted as a perfectly grounded model. It replies with the first article it is given, marked
 * with the customer's language ("[es] …"), citing it; hands off when given no article; and labels
 * every unsure message "other" (no change). So the second table measures the plumbing — that the
 * model step never makes the decisions less safe, and what it costs — not a real model's quality.
 */
export async function startGroundedStandIn(): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI();
  fake.setDefault({
    kind: "respond",
    respond: (body) => {
      if (body.response_format?.json_schema?.name === "intent_classification") return { intent: "other" };
      const data = dataBlockOf(body) ?? {};
      const articles = Array.isArray(data.articles) ? (data.articles as { id: string; text: string }[]) : [];
      const language = typeof data.customerLanguage === "string" ? data.customerLanguage : "en";
      const first = articles[0];
      if (!first)
        return { action: "handoff", answer: null, citedArticleIds: [], handoffReason: "not_covered", language };
      return {
        action: "reply",
        answer: `[${language}] ${first.text}`,
        citedArticleIds: [first.id],
        handoffReason: null,
        language,
      };
    },
  });
  return fake;
}

/** Switches the shop's language model on, pointed at the stand-in, with room for the whole set. */
export async function enableStandInModel(shopId: string, baseUrl: string): Promise<void> {
  const saved = await saveLlmSettings(shopId, {
    enabled: true,
    provider: "openai_compatible",
    model: "stand-in-grounded",
    baseUrl,
    dailyTokenBudget: 100_000_000,
    timeoutMs: 5_000,
  });
  if (!saved.ok) throw new Error(`could not configure the stand-in model: ${saved.error}`);
}

export interface EvalOutcome {
  message: LabelledMessage;
  decision: AnswerDecision;
  /** The answered article's title, when an answer was given. */
  answeredTitle?: string;
}

/**
 * Decides every message as the inbound routes do: without a locale, so the language is detected
 * from the text (the label's locale only groups the figures).
 */
export async function runEval(shopId: string, messages: LabelledMessage[]): Promise<EvalOutcome[]> {
  const outcomes: EvalOutcome[] = [];
  for (const message of messages) {
    const decision = await decideAnswer({ shopId, text: message.text });
    outcomes.push({
      message,
      decision,
      answeredTitle: decision.kind === "answer" ? decision.article.title : undefined,
    });
  }
  return outcomes;
}

export interface Figures {
  messages: number;
  /** Answers given to messages that expect an answer, and how many cite the expected article. */
  answeredExpected: number;
  answeredCorrect: number;
  top1: number | null;
  /** Answers given where none should be (hand-off, tracking, out of scope, injection). */
  falseAnswers: number;
  shouldNotAnswer: number;
  falseAnswerRate: number | null;
  handoffExpected: number;
  handedOff: number;
  handoffRecall: number | null;
  mandatoryExpected: number;
  mandatoryRightReason: number;
  mandatoryRecall: number | null;
  trackingExpected: number;
  trackingRight: number;
  /** Messages expecting an answer that got the right one (how much the assistant takes off staff). */
  answerCoverage: number | null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function figures(outcomes: EvalOutcome[]): Figures {
  let answeredExpected = 0,
    answeredCorrect = 0,
    falseAnswers = 0,
    shouldNotAnswer = 0,
    handoffExpected = 0,
    handedOff = 0,
    mandatoryExpected = 0,
    mandatoryRightReason = 0,
    trackingExpected = 0,
    trackingRight = 0,
    answerExpected = 0;
  for (const { message, decision, answeredTitle } of outcomes) {
    const expected = message.expected;
    if (expected.kind === "answer") {
      answerExpected++;
      if (decision.kind === "answer") {
        answeredExpected++;
        if (isExpectedArticle(expected, answeredTitle)) answeredCorrect++;
      }
      continue;
    }
    shouldNotAnswer++;
    if (decision.kind === "answer") falseAnswers++;
    if (expected.kind === "handoff") {
      handoffExpected++;
      if (decision.kind === "handoff") handedOff++;
      if (MANDATORY_HANDOFF_REASONS.includes(expected.reason)) {
        mandatoryExpected++;
        if (decision.kind === "handoff" && decision.reason === expected.reason) mandatoryRightReason++;
      }
    }
    if (expected.kind === "order_tracking") {
      trackingExpected++;
      if (decision.kind === "order_tracking") trackingRight++;
    }
  }
  return {
    messages: outcomes.length,
    answeredExpected,
    answeredCorrect,
    top1: ratio(answeredCorrect, answeredExpected),
    falseAnswers,
    shouldNotAnswer,
    falseAnswerRate: ratio(falseAnswers, shouldNotAnswer),
    handoffExpected,
    handedOff,
    handoffRecall: ratio(handedOff, handoffExpected),
    mandatoryExpected,
    mandatoryRightReason,
    mandatoryRecall: ratio(mandatoryRightReason, mandatoryExpected),
    trackingExpected,
    trackingRight,
    answerCoverage: ratio(answeredCorrect, answerExpected),
  };
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);

export function formatFigures(label: string, f: Figures): string {
  return [
    label.padEnd(22),
    String(f.messages).padStart(4),
    `${pct(f.top1)} (${f.answeredCorrect}/${f.answeredExpected})`.padStart(20),
    `${pct(f.falseAnswerRate)} (${f.falseAnswers}/${f.shouldNotAnswer})`.padStart(18),
    `${pct(f.handoffRecall)} (${f.handedOff}/${f.handoffExpected})`.padStart(18),
    `${pct(f.mandatoryRecall)} (${f.mandatoryRightReason}/${f.mandatoryExpected})`.padStart(18),
    `${f.trackingRight}/${f.trackingExpected}`.padStart(9),
    pct(f.answerCoverage).padStart(9),
  ].join(" ");
}

export const FIGURES_HEADER = [
  "".padEnd(22),
  "msgs".padStart(4),
  "top-1 of answers".padStart(20),
  "false answers".padStart(18),
  "hand-off recall".padStart(18),
  "mandatory (reason)".padStart(18),
  "tracking".padStart(9),
  "coverage".padStart(9),
].join(" ");

/**
 * For fitting the confidence model: each message that reaches retrieval, with its top
 * candidate's features and whether that candidate is the expected article.
 */
export async function retrievalSamples(
  shopId: string,
  messages: LabelledMessage[],
): Promise<{ message: LabelledMessage; features: ConfidenceFeatures | null; correct: boolean }[]> {
  const samples = [];
  for (const message of messages) {
    if (
      detectMandatoryHandoff(message.text) ||
      detectPromptInjection(message.text) ||
      detectOrderTracking(message.text)
    )
      continue;
    const best = await bestCandidate(shopId, message.locale, message.text, DEFAULT_ANSWER_SETTINGS.confidenceThreshold);
    let correct = false;
    if (best && message.expected.kind === "answer") {
      const article = await db().knowledgeArticle.findUnique({ where: { id: best.section.articleId } });
      correct = isExpectedArticle(message.expected, article?.title);
    }
    samples.push({ message, features: best?.features ?? null, correct });
  }
  return samples;
}
