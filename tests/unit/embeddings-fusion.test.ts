// Which article fusion may answer from (app/knowledge/embeddings.ts, decision 0037): the best
// fused one among those BM25 itself trusts; ties keep BM25's order; an article only the vectors
// found is never chosen; nothing trusted leaves BM25's top.
import { describe, expect, it } from "vitest";
import { chooseFusedRank, rankArticlesByEmbedding } from "../../app/knowledge/embeddings";

describe("chooseFusedRank", () => {
  it("lifts the trusted article the vectors prefer when the BM25 top ranks low by vector", () => {
    // b: 1/62 + 1/61; a: 1/61 + 1/63.
    expect(chooseFusedRank(["a", "b"], ["b", "c", "a"], [true, true])).toBe(1);
  });
  it("keeps BM25's order on a tie", () => {
    expect(chooseFusedRank(["a", "b"], ["b", "a"], [true, true])).toBe(0);
  });
  it("never chooses an untrusted article, however high it fuses", () => {
    expect(chooseFusedRank(["a", "b"], ["b", "c", "a"], [true, false])).toBe(0);
  });
  it("never chooses an article BM25 did not find", () => {
    expect(chooseFusedRank(["a"], ["z", "y", "a"], [true])).toBe(0);
  });
  it("leaves place 0 when nothing is trusted", () => {
    expect(chooseFusedRank(["a", "b"], ["b"], [false, false])).toBe(0);
  });
});

describe("rankArticlesByEmbedding", () => {
  it("ranks articles by their best section and skips vectors of other dimensions", () => {
    const ranked = rankArticlesByEmbedding(
      [1, 0],
      [
        { articleId: "a", embedding: [0, 1] },
        { articleId: "a", embedding: [0.9, 0.1] },
        { articleId: "b", embedding: [0.5, 0.5] },
        { articleId: "c", embedding: [1, 0, 0] },
      ],
    );
    expect(ranked).toEqual(["a", "b"]);
  });
});
