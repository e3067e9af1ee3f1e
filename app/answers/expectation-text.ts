// The words the customer sees from the assistant, in their language (en, es, fr): the hand-off
// notice ("A person will reply today before 18:00") and the citation under an FAQ answer.
import type { KnowledgeLocale } from "../knowledge/contracts";
import type { ReplyExpectation } from "../business-hours/calendar";

const WEEKDAYS: Record<KnowledgeLocale, string[]> = {
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  es: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
  fr: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
};

const WORDS: Record<
  KnowledgeLocale,
  {
    thanks: string;
    todayBefore: (t: string) => string;
    todayFrom: (t: string) => string;
    tomorrowFrom: (t: string) => string;
    weekdayFrom: (d: string, t: string) => string;
    soon: string;
    citation: (title: string) => string;
  }
> = {
  en: {
    thanks: "Thanks for your message.",
    todayBefore: (t) => `A person will reply today before ${t}.`,
    todayFrom: (t) => `A person will reply today from ${t}.`,
    tomorrowFrom: (t) => `A person will reply tomorrow from ${t}.`,
    weekdayFrom: (d, t) => `A person will reply on ${d} from ${t}.`,
    soon: "A person will reply as soon as possible.",
    citation: (title) => `— from our FAQ: ${title}`,
  },
  es: {
    thanks: "Gracias por tu mensaje.",
    todayBefore: (t) => `Una persona te responderá hoy antes de las ${t}.`,
    todayFrom: (t) => `Una persona te responderá hoy a partir de las ${t}.`,
    tomorrowFrom: (t) => `Una persona te responderá mañana a partir de las ${t}.`,
    weekdayFrom: (d, t) => `Una persona te responderá el ${d} a partir de las ${t}.`,
    soon: "Una persona te responderá lo antes posible.",
    citation: (title) => `— de nuestras preguntas frecuentes: ${title}`,
  },
  fr: {
    thanks: "Merci pour votre message.",
    todayBefore: (t) => `Une personne vous répondra aujourd'hui avant ${t}.`,
    todayFrom: (t) => `Une personne vous répondra aujourd'hui à partir de ${t}.`,
    tomorrowFrom: (t) => `Une personne vous répondra demain à partir de ${t}.`,
    weekdayFrom: (d, t) => `Une personne vous répondra ${d} à partir de ${t}.`,
    soon: "Une personne vous répondra dès que possible.",
    citation: (title) => `— extrait de notre FAQ : ${title}`,
  },
};

export function handoffNotice(expectation: ReplyExpectation, locale: KnowledgeLocale): string {
  const w = WORDS[locale];
  let when: string;
  if (expectation.kind === "today_before") when = w.todayBefore(expectation.time);
  else if (expectation.kind === "unknown") when = w.soon;
  else if (expectation.daysAhead === 0) when = w.todayFrom(expectation.time);
  else if (expectation.daysAhead === 1) when = w.tomorrowFrom(expectation.time);
  else when = w.weekdayFrom(WEEKDAYS[locale][expectation.weekday]!, expectation.time);
  return `${w.thanks} ${when}`;
}

/** The answer as sent: the article's text, then where it came from. */
export function answerWithCitation(text: string, title: string, locale: KnowledgeLocale): string {
  return `${text.trim()}\n\n${WORDS[locale].citation(title)}`;
}
