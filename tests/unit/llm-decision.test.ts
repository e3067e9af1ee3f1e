// checkDecision: the rules a model's structured decision must pass after the schema.
import { describe, expect, it } from "vitest";
import { checkDecision, MAX_ANSWER_CHARS, type ModelDecisionOutput } from "../../app/llm/decision";

const reply = (over: Partial<ModelDecisionOutput> = {}): ModelDecisionOutput => ({
  action: "reply",
  answer: "Orders arrive in 3 to 5 business days.",
  citedArticleIds: ["a1"],
  handoffReason: null,
  language: "en",
  ...over,
});

describe("checkDecision", () => {
  it("GIVEN a reply citing a given article THEN it is accepted, trimmed, citations de-duplicated", () => {
    expect(checkDecision(reply({ answer: "  Yes.  ", citedArticleIds: ["a1", "a1"] }), ["a1", "a2"])).toEqual({
      action: "reply",
      answer: "Yes.",
      citedArticleIds: ["a1"],
      language: "en",
    });
  });

  it("GIVEN a citation of an article not given THEN fallback 'unknown_citation', even on a hand-off", () => {
    expect(checkDecision(reply({ citedArticleIds: ["a1", "zzz"] }), ["a1"])).toMatchObject({
      kind: "fallback",
      reason: "unknown_citation",
    });
    expect(
      checkDecision({ ...reply(), action: "handoff", answer: null, citedArticleIds: ["zzz"] }, ["a1"]),
    ).toMatchObject({ kind: "fallback", reason: "unknown_citation" });
  });

  it("GIVEN a reply citing nothing THEN fallback 'missing_citation'", () => {
    expect(checkDecision(reply({ citedArticleIds: [] }), ["a1"])).toMatchObject({
      kind: "fallback",
      reason: "missing_citation",
    });
  });

  it("GIVEN an empty or overlong answer THEN fallback 'answer_length'", () => {
    expect(checkDecision(reply({ answer: null }), ["a1"])).toMatchObject({ reason: "answer_length" });
    expect(checkDecision(reply({ answer: " " }), ["a1"])).toMatchObject({ reason: "answer_length" });
    expect(checkDecision(reply({ answer: "x".repeat(MAX_ANSWER_CHARS + 1) }), ["a1"])).toMatchObject({
      reason: "answer_length",
    });
  });

  it("GIVEN a hand-off THEN its reason is kept (default not_covered) and a junk language code dropped", () => {
    expect(
      checkDecision(
        { action: "handoff", answer: null, citedArticleIds: [], handoffReason: null, language: "<b>es</b>" },
        [],
      ),
    ).toEqual({ action: "handoff", handoffReason: "not_covered", citedArticleIds: [], language: undefined });
  });
});
