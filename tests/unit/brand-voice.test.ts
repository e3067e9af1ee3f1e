// The brand voice guide applied to an automatic answer: greeting and sign-off in the answer's
// language, words to avoid replaced or removed as whole words.
import { describe, expect, it } from "vitest";
import {
  applyBrandVoiceTo,
  brandVoiceSchema,
  DEFAULT_BRAND_VOICE,
  formatWordsToAvoid,
  parseWordsToAvoid,
  readBrandVoice,
} from "../../app/knowledge/brand-voice";

const voice = brandVoiceSchema.parse({
  tone: "friendly",
  greeting: { en: "Hi there!", es: "¡Hola!", fr: "" },
  signOff: { en: "— The Threadline team", es: "— El equipo", fr: "Bien à vous" },
  wordsToAvoid: [
    { word: "cheap", replacement: "affordable" },
    { word: "unfortunately", replacement: "" },
  ],
});

describe("brand voice", () => {
  it("GIVEN a greeting and sign-off WHEN applied to an English answer THEN the answer sits between them", () => {
    expect(applyBrandVoiceTo(voice, "Orders ship in 2 days.", "en")).toBe(
      "Hi there!\n\nOrders ship in 2 days.\n\n— The Threadline team",
    );
  });

  it("GIVEN a Spanish answer WHEN applied THEN the Spanish greeting and sign-off are used", () => {
    expect(applyBrandVoiceTo(voice, "Enviamos en 2 días.", "es")).toBe("¡Hola!\n\nEnviamos en 2 días.\n\n— El equipo");
  });

  it("GIVEN no French greeting WHEN applied to a French answer THEN only the sign-off is added", () => {
    expect(applyBrandVoiceTo(voice, "Expédié sous 2 jours.", "fr")).toBe("Expédié sous 2 jours.\n\nBien à vous");
  });

  it("GIVEN words to avoid WHEN applied THEN whole words are replaced in any case and removed ones leave no gaps", () => {
    const out = applyBrandVoiceTo(voice, "Unfortunately, our Cheap socks are cheaper than ever.", "en");
    expect(out).toBe("Hi there!\n\nOur affordable socks are cheaper than ever.\n\n— The Threadline team");
  });

  it("GIVEN the default voice WHEN applied THEN the answer is unchanged", () => {
    expect(applyBrandVoiceTo(DEFAULT_BRAND_VOICE, "  Just the answer. ", "en")).toBe("Just the answer.");
  });

  it("GIVEN stored settings that are not valid WHEN read THEN the defaults are used", () => {
    expect(readBrandVoice({ tone: "shouty" })).toEqual(DEFAULT_BRAND_VOICE);
    expect(readBrandVoice(undefined)).toEqual(DEFAULT_BRAND_VOICE);
  });

  it("GIVEN the card's one-per-line text WHEN parsed and formatted THEN it round-trips", () => {
    const text = "cheap -> affordable\nunfortunately\nno worries → happy to help";
    const words = parseWordsToAvoid(text);
    expect(words).toEqual([
      { word: "cheap", replacement: "affordable" },
      { word: "unfortunately", replacement: "" },
      { word: "no worries", replacement: "happy to help" },
    ]);
    expect(parseWordsToAvoid(formatWordsToAvoid(words))).toEqual(words);
  });

  it("GIVEN a phrase to avoid WHEN applied THEN the phrase is replaced", () => {
    const v = brandVoiceSchema.parse({ wordsToAvoid: [{ word: "no worries", replacement: "happy to help" }] });
    expect(applyBrandVoiceTo(v, "No worries, we will fix it.", "en")).toBe("happy to help, we will fix it.");
  });
});
