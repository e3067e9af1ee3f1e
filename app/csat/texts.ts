// What the customer reads. Email links carry the survey's random token; the score is a path
// segment so one click records it (GET /csat/<token>/<score>).
import type { KnowledgeLocale } from "../knowledge/contracts";

const EMAIL_INTRO: Record<KnowledgeLocale, string> = {
  en: "Choose a score (one click records it):",
  es: "Elige una puntuación (un clic la registra):",
  fr: "Choisissez une note (un clic l'enregistre) :",
};

export const EMAIL_SUBJECT: Record<KnowledgeLocale, string> = {
  en: "How did we do?",
  es: "¿Qué tal lo hicimos?",
  fr: "Comment avons-nous fait ?",
};

export function csatLink(appUrl: string, token: string, score: number): string {
  return `${appUrl.replace(/\/+$/, "")}/csat/${encodeURIComponent(token)}/${score}`;
}

export function csatEmailBody(question: string, appUrl: string, token: string, locale: KnowledgeLocale): string {
  const links = [1, 2, 3, 4, 5].map((s) => `${s}: ${csatLink(appUrl, token, s)}`);
  return [question, "", EMAIL_INTRO[locale], ...links].join("\n");
}

/** Messenger/Instagram: five buttons whose payload names the survey and the score. */
export function csatQuickReplies(surveyId: string): Array<{ title: string; payload: string }> {
  return [1, 2, 3, 4, 5].map((s) => ({ title: String(s), payload: `CSAT:${surveyId}:${s}` }));
}

export function parseCsatPayload(payload: unknown): { surveyId: string; score: number } | null {
  const m = typeof payload === "string" ? /^CSAT:([A-Za-z0-9_-]{1,64}):([1-5])$/.exec(payload) : null;
  return m ? { surveyId: m[1]!, score: Number(m[2]) } : null;
}

/** "4", "4 thanks!", "4/5 great", "5." → score and optional comment; anything else is not an answer. */
export function parseCsatReply(body: string): { score: number; comment: string | null } | null {
  const m = /^\s*([1-5])(?:\s*\/\s*5)?(?:(?:\s+|[.,!:;)-]+\s*)([\s\S]*))?$/.exec(body);
  if (!m) return null;
  const comment = (m[2] ?? "").trim().slice(0, 1000);
  return { score: Number(m[1]), comment: comment || null };
}
