// Pure parts of retrieval: sections from Markdown, BM25 over PostgreSQL's tsvector text,
// language detection, calibrated confidence, reciprocal-rank fusion with a fake embedding provider.
import { describe, expect, it } from "vitest";
import { bm25, maxPossibleScore, parseTsvector, type CorpusStats } from "../../app/knowledge/bm25";
import { confidenceOf } from "../../app/knowledge/confidence-model";
import { detectLanguage } from "../../app/knowledge/detect-language";
import { rankByEmbedding, reciprocalRankFusion, type EmbeddingProvider } from "../../app/knowledge/embeddings";
import { splitSections } from "../../app/knowledge/split-sections";
import { parseAnswerSettings } from "../../app/knowledge/answer-settings";

describe("splitSections", () => {
  it("keeps a Q&A pair whole and splits Markdown by heading, ignoring # inside code fences", () => {
    expect(splitSections("Q?", "Just an answer.")).toEqual([{ position: 0, heading: "Q?", body: "Just an answer." }]);
    const parts = splitSections("Policy", "# Policy\nIntro\n```\n# not a heading\n```\n## Returns\n30 days");
    expect(parts.map((p) => p.heading)).toEqual(["Policy", "Policy — Returns"]);
    expect(parts[0]!.body).toContain("# not a heading");
  });
});

describe("BM25 on tsvector text", () => {
  const stats: CorpusStats = {
    documents: 3,
    averageLength: 4,
    documentFrequency: new Map([
      ["refund", 1],
      ["order", 3],
    ]),
  };
  it("parses weights and positions, heading words counting double", () => {
    const doc = parseTsvector("'refund':1A,4 'order':2B 'it''s'");
    expect(doc.termFrequency.get("refund")).toBe(3);
    expect(doc.termFrequency.get("it's")).toBe(1);
    expect(doc.length).toBe(4);
  });
  it("a rare word outweighs a common one, and no document beats the maximum", () => {
    const rare = bm25(stats, ["refund"], parseTsvector("'refund':1"));
    const common = bm25(stats, ["order"], parseTsvector("'order':1"));
    expect(rare).toBeGreaterThan(common * 3);
    expect(bm25(stats, ["refund", "order"], parseTsvector("'refund':1A,2A 'order':3A"))).toBeLessThan(
      maxPossibleScore(stats, ["refund", "order"]),
    );
  });
});

describe("confidence", () => {
  it("rises with a stronger, clearer match and falls with unknown words", () => {
    const strong = confidenceOf({ normalizedScore: 0.9, margin: 0.8, coverage: 1, unknownShare: 0, matchedTerms: 1 });
    const weak = confidenceOf({
      normalizedScore: 0.3,
      margin: 0.05,
      coverage: 0.4,
      unknownShare: 0.6,
      matchedTerms: 1 / 3,
    });
    expect(strong).toBeGreaterThan(0.86);
    expect(weak).toBeLessThan(0.5);
  });
});

describe("detectLanguage", () => {
  it.each([
    ["Where is my order?", "en"],
    ["¿Dónde está mi pedido?", "es"],
    ["Où est ma commande ?", "fr"],
    ["ok", "en"],
  ])("%s → %s", (text, locale) => {
    expect(detectLanguage(text)).toBe(locale);
  });
});

describe("answer settings", () => {
  it("defaults when missing or malformed", () => {
    expect(parseAnswerSettings({}).confidenceThreshold).toBeGreaterThan(0);
    expect(parseAnswerSettings({ answers: { confidenceThreshold: "high" } }).handoffTopics).toEqual([]);
    expect(parseAnswerSettings({ answers: { handoffTopics: ["wholesale"] } }).handoffTopics).toEqual(["wholesale"]);
  });
});

describe("embeddings, fused by reciprocal rank", () => {
  // A fake provider: one dimension per known word.
  const vocabulary = ["refund", "money", "shipping", "size"];
  const fake: EmbeddingProvider = {
    embed: async (texts) =>
      texts.map((t) =>
        vocabulary.map((w) => (t.toLowerCase().includes(w) || (w === "refund" && /money back/.test(t)) ? 1 : 0)),
      ),
  };
  it("an item ranked well by both lists wins over one ranked first by only one", async () => {
    const [query] = await fake.embed(["I want my money back"]);
    const sections = [
      { id: "refunds", text: "Refund: money returned in 5 days" },
      { id: "shipping", text: "Shipping takes 3 days" },
      { id: "sizes", text: "Size chart" },
    ];
    const vectors = await fake.embed(sections.map((s) => s.text));
    const semantic = rankByEmbedding(
      query!,
      sections.map((s, i) => ({ id: s.id, embedding: vectors[i]! })),
    );
    expect(semantic[0]).toBe("refunds");
    const fused = reciprocalRankFusion([["shipping", "refunds", "sizes"], semantic]);
    expect(fused[0]!.id).toBe("refunds");
    expect(fused.map((f) => f.id)).toHaveLength(3);
  });
});
