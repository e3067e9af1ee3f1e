// Whether a customer message is a real question worth an article, and its question text. A real
// question has at least three words and either a question mark or a sentence opening like a
// question in English, Spanish or French ("how long…", "¿dónde…", "est-ce que…"). Greetings,
// thanks and "hello?" are not. Pure, so the rules are tested without a database.
import { MAX_ARTICLE_TITLE } from "./limits";
import { foldAccents } from "./text-normalize";

const OPENERS = [
  // English
  "what",
  "whats",
  "what's",
  "how",
  "when",
  "where",
  "why",
  "who",
  "which",
  "can",
  "could",
  "do",
  "does",
  "did",
  "is",
  "are",
  "will",
  "would",
  "should",
  "may",
  "have you",
  "has my",
  // Spanish (accents folded)
  "que",
  "como",
  "cuando",
  "donde",
  "por que",
  "cual",
  "cuales",
  "cuanto",
  "cuanta",
  "cuantos",
  "cuantas",
  "puedo",
  "puede",
  "pueden",
  "hay",
  "tienen",
  "aceptan",
  "hacen",
  "envian",
  // French (accents folded, hyphens spaced)
  "quel",
  "quelle",
  "quels",
  "quelles",
  "comment",
  "quand",
  "ou",
  "pourquoi",
  "combien",
  "est ce",
  "puis je",
  "pouvez vous",
  "avez vous",
  "y a t il",
  "faites vous",
  "acceptez vous",
  "livrez vous",
  "proposez vous",
];

const GREETING =
  /^(?:hi|hello|hey|good (?:morning|afternoon|evening)|hola|buenos dias|buenas(?: tardes| noches)?|bonjour|bonsoir|salut)\b(?:\s+there)?[\s,!.:;-]*/i;

const MIN_WORDS = 3;
const MIN_LENGTH = 12;

function opensLikeQuestion(sentence: string): boolean {
  const words = foldAccents(sentence)
    .replace(/[^a-z0-9' ]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const start = words.slice(0, 4).join(" ");
  return OPENERS.some((opener) => start === opener || start.startsWith(`${opener} `));
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** "Hi! Do you ship to Canada?" → "Do you ship to Canada?" (a greeting alone stays as it is). */
export function withoutGreeting(text: string): string {
  const rest = text.replace(GREETING, "").trim();
  return rest.length >= MIN_LENGTH ? rest.charAt(0).toUpperCase() + rest.slice(1) : text;
}

/** The question a customer message asks, or null when it is not a real question. */
export function questionOf(body: string): string | null {
  const text = withoutGreeting(body.replace(/\s+/g, " ").trim());
  if (text.length < MIN_LENGTH || wordCount(text) < MIN_WORDS) return null;
  const sentences = text
    .match(/[^.!?¿¡]*[.!?]*/g)
    ?.map((s) => s.trim())
    .filter(Boolean) ?? [text];
  const questions = sentences.filter((s) => s.endsWith("?") || opensLikeQuestion(s));
  if (!questions.length && !text.includes("?")) return null;
  if (text.length <= MAX_ARTICLE_TITLE) return text;
  // A long message (an email): its first question sentence, when that is short enough to be a title.
  const first = questions.find((q) => wordCount(q) >= MIN_WORDS && q.length <= MAX_ARTICLE_TITLE);
  return first ?? null;
}
