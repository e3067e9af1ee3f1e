// Text normalisation shared by the detectors, indexing and retrieval, the thesaurus and language
// detection: generic rules that must hold for any shop's knowledge base.
import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../app/knowledge/detect-language";
import { synonymExpansion } from "../../app/knowledge/synonyms";
import { foldAccents } from "../../app/knowledge/text-normalize";

describe("foldAccents", () => {
  it("writes missing apostrophes, texting shorthand and common misspellings the usual way", () => {
    expect(foldAccents("My parcel hasnt arrived, pls help")).toBe("my parcel hasn't arrived, please help");
    expect(foldAccents("Can I retrun it? I recieved the wrong adress")).toBe(
      "can i return it? i received the wrong address",
    );
    expect(foldAccents("C’est là où j’ai reçu")).toBe("c'est la ou j'ai recu");
  });

  it("leaves real words alone and only rewrites whole words", () => {
    expect(foldAccents("its well, ill were")).toBe("its well, ill were");
    expect(foldAccents("dontcha imagine")).toBe("dontcha imagine");
  });

  it("drops 'last' when it dates something, not when it is the verb", () => {
    expect(foldAccents("I ordered last week")).toBe("i ordered  week");
    expect(foldAccents("How long does the battery last?")).toBe("how long does the battery last?");
  });
});

describe("synonymExpansion", () => {
  it("expands a group by its single words and its name, never by a phrase's loose words", () => {
    const { expansion, matched } = synonymExpansion("en", "how do i stop getting your newsletters");
    expect(matched).toContain("stop getting");
    expect(expansion).toContain("unsubscribe");
    expect(expansion).not.toContain("stop getting");
  });

  it("keeps returning goods and getting money back apart in Spanish and French", () => {
    expect(synonymExpansion("es", "quiero devolver una crema").expansion).not.toContain("reembolso");
    expect(synonymExpansion("es", "cuándo me devolvéis el dinero").expansion).toContain("reembolso");
    expect(synonymExpansion("fr", "renvoyer un produit").expansion).not.toContain("rembourser");
  });
});

describe("detectLanguage", () => {
  it.each([
    ["os voy a denunciar", "es"],
    ["Hi! quick question - do you ship to Canada? thanks", "en"],
    ["je n'ai toujours rien reçu", "fr"],
  ])("%s → %s", (text, locale) => {
    expect(detectLanguage(text)).toBe(locale);
  });
});
