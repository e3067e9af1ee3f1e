// The hand-off rules that run before any retrieval, in English, Spanish and French. Pure and
// rule-based on purpose: the mandatory topics must never depend on a model's mood or on a
// retrieval score, and every rule here is a phrase a person can read and test.
//
// Matching runs on folded text (lower case, accents removed, every non-letter a space), so
// "¡QUIERO hablar con una PERSONA!", "quiero hablar con una persona" and "Quiero-hablar..." are
// the same string, and each pattern is wrapped in word boundaries (" burn " matches, "sunburnt
// fabric" does not).
import type { HandoffReason } from "./contracts";
import { foldAccents } from "./text-normalize";

/** Lower case, accents folded, anything but letters and digits a single space, padded with spaces. */
export function foldForMatching(text: string): string {
  return ` ${foldAccents(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
}

type Rule = { reason: HandoffReason; explanation: string; patterns: RegExp[] };

// Patterns are written against folded text: no accents, apostrophes are spaces ("don t").
const p = (...sources: string[]) => sources.map((s) => new RegExp(`(?<![a-z0-9])(?:${s})(?![a-z0-9])`));

const PERSON_WORDS_EN =
  "human|humans|person|real person|people|agent|live agent|representative|rep|someone|somebody|manager|supervisor|staff|operator|employee|customer service|customer support|support team";

/** Ordered by severity: the first rule that matches names the reason. */
const RULES: Rule[] = [
  {
    reason: "self_harm",
    explanation: "mentions self-harm or suicide",
    patterns: p(
      "kill(?:ing)? myself|suicide|suicidal|end(?:ing)? my (?:own )?life|end it all|take my (?:own )?life",
      "(?:hurt|harm|cut)(?:ing)? myself|self ?harm|want to die|wanna die|don t want to (?:live|be alive)|no reason to live|better off dead",
      "quitarme la vida|suicid[a-z]*|matarme|me quiero morir|quiero morir(?:me)?|no quiero (?:vivir|seguir viviendo)|hacerme dano|lastimarme|acabar con mi vida",
      "me suicider|me tuer|mettre fin a (?:mes jours|ma vie)|envie de mourir|(?:je )?veux mourir|me faire du mal|plus envie de vivre",
    ),
  },
  {
    reason: "safety",
    explanation: "mentions an injury or a safety problem",
    patterns: p(
      "burn|burns|burned|burnt|burning|allergic|allergy|allergies|anaphyla[a-z]*|rash|hives|injur(?:y|ies|ed)|hurt|hospital|emergency room",
      "caught fire|on fire|fire|in flames|flames|smoking|smoke (?:came|coming|everywhere)|explod(?:e|ed|ing)|explosion|overheat(?:s|ed|ing)?|electric(?:al)? shock|electrocuted|shocked me",
      "chok(?:e|ed|ing)|swallowed|poison(?:ed|ing)?|toxic|unsafe|dangerous|hazard(?:ous)?|bleed(?:ing)?|bled|stitches|made (?:me|my [a-z]+) sick",
      "quemadura|quemad[oa]s?|(?:me|se) quemo|alergi(?:a|as|ca|co)|sarpullido|herid[oa]s?|lesion(?:ado|ada|es)?|hospital|urgencias|incendio|fuego|humo|exploto|explosion|descarga electrica|peligros[oa]s?|insegur[oa]s?|toxic[oa]s?|intoxica[a-z]*|me corte|sangr[a-z]*|atragant[a-z]*|asfixi[a-z]*",
      "brulure|brulures|brule|brulee|brulees|allergi(?:e|que|ques)|eczema|blesse|blessee|blessure|blessures|hopital|urgences|incendie|feu|fumee|explose|explosion|choc electrique|electrocute|dangereu(?:x|se)|toxique|intoxi[a-z]*|coupure|saign[a-z]*|etouff[a-z]*",
    ),
  },
  {
    reason: "legal_threat",
    explanation: "mentions legal action",
    patterns: p(
      "lawyer|lawyers|attorney|attorneys|solicitor|legal action|legal team|lawsuit|sue|suing|sued|take (?:you|this|it) to court|in court|small claims|trading standards|better business bureau|bbb|consumer protection|ftc|class action",
      "abogad[oa]s?|(?:una|la|poner|presentar|interponer) demanda|demandar[a-z]*|denuncia|denunciar[a-z]*|juicio|tribunal|tribunales|acci(?:on|ones) legal(?:es)?|via legal|profeco|oficina del consumidor",
      "avocat|avocats|proces|en justice|poursuites?|poursuivre|tribunal|porter plainte|deposer (?:une )?plainte|mise en demeure|action en justice|dgccrf|juridique",
    ),
  },
  {
    reason: "dispute",
    explanation: "mentions a chargeback or payment dispute",
    patterns: p(
      "charge ?backs?|disput(?:e|es|ed|ing)|paypal (?:claim|dispute|case)|(?:claim|case) (?:with|on|through) paypal|reverse the (?:charge|payment)|(?:contact|call|calling|contacting|ask|tell) my (?:bank|card issuer|credit card company)",
      "(?:unauthori[sz]ed|fraudulent) (?:charge|transaction|payment)|didn t authori[sz]e|did not authori[sz]e|stop the payment|cancel the payment with my bank|report (?:this|it) to my bank",
      "contracargos?|disputa|disputar|reclamaci(?:on|ones) (?:a|con|en|ante) (?:el|mi) banco|reclam[oa] (?:en|a|con|ante) paypal|(?:llamar|hablar|contactar) (?:a|con) mi banco|desconocer el cargo|cargo no autorizado|anular el cargo",
      "retrofacturation|opposition bancaire|faire opposition|fait opposition|opposition (?:sur|a) (?:ma carte|le paiement|mon paiement)|litige|contester (?:le|ce|la|mon) (?:paiement|prelevement|debit|transaction|achat)|reclamation paypal|(?:contacter|appeler|prevenir) ma banque|(?:debit|paiement|prelevement) non autorise",
    ),
  },
  {
    reason: "asked_for_person",
    explanation: "asked for a person",
    patterns: p(
      `(?:speak|talk|chat)(?:ing)? (?:to|with) (?:a |an |some |the |your |one of your )?(?:real |actual |live )?(?:${PERSON_WORDS_EN})`,
      `(?:get|give|connect|transfer|put|pass) me (?:to|through to|with|over to) (?:a |an |the |your )?(?:real |actual |live )?(?:${PERSON_WORDS_EN})`,
      `(?:i|we) (?:want|need|would like|d like|demand) (?:to talk to |to speak to |to speak with |to talk with )?(?:a |an )?(?:real |actual |live )?(?:human|person|agent|representative|manager|supervisor)`,
      "real person|actual person|live person|real human|actual human|human being|human please|not a (?:bot|robot)|are you a (?:bot|robot)|is this a (?:bot|robot)|stop the bot|can someone call me|have someone call me",
      "^ (?:human|agent|representative|operator|person|persona|humano|agente|humain|conseiller)(?: please| por favor| s il vous plait)? $",
      "hablar con (?:una |un |alguna |algun |el |la )?(?:persona|humano|agente|asesor[a]?|representante|encargad[oa]|gerente|alguien|responsable|operador[a]?)",
      "(?:quiero|necesito|prefiero|pido) (?:una |un )?(?:persona|humano|agente|asesor[a]?|representante)|persona real|(?:pasame|paseme|comunicame|comuniqueme|ponme|transfiereme) con|me (?:pasas|pasa|pase|comunicas|comunica|transfieres|transfiere) con (?:un|una|el|la|alguien)|atencion humana|no (?:eres|es) un (?:bot|robot)",
      "parler (?:a|avec) (?:un |une |le |la |un vrai |une vraie |un veritable )?(?:humain|personne|conseiller|conseillere|agent|responsable|operateur|quelqu un)",
      "(?:un|une) (?:vrai|vraie|veritable) (?:personne|humain|conseiller)|je (?:veux|voudrais|souhaite) (?:un|une) (?:conseiller|conseillere|humain|agent|personne)|(?:mettez|passez|mettre|passer) moi en relation|service client humain",
    ),
  },
  {
    reason: "frustration",
    explanation: "sounds angry or frustrated",
    patterns: p(
      "ridiculous|unacceptable|outrageous|furious|angry|pissed(?: off)?|livid|fed up|sick (?:of|and tired)|disgust(?:ed|ing)|useless|incompetent|pathetic|scam|scammers?|rip ?off|ripped off|worst|terrible service|horrible|awful|appalling|shameful|disgrace|joke of a",
      "f+u+c+k[a-z]*|fck|wtf|ffs|shit[a-z]*|bullshit|crap|damn|bloody hell|asshole|bastards?",
      "still (?:waiting|haven t|have not|no (?:reply|answer|response))|no one (?:answers|replies|responds|has replied|is answering)|nobody (?:answers|replies|responds|has replied)|(?:third|3rd|fourth|4th|fifth|5th) time|(?:three|four|five|several|multiple|many|\\d+) (?:times|emails|messages) (?:already|and)",
      "hart[oa]s?|inaceptable|ridicul[oa]|indignante|indignad[oa]|verguenza|pesim[oa]|furios[oa]|enojad[oa]|enfadad[oa]|molest[oa]|cabread[oa]|estafa|estafadores?|timo|mierda|joder|carajo|put[oa]|cabron|pendejo|ya basta|sigo esperando|nadie (?:me )?responde|no puede ser",
      "inadmissible|inacceptable|scandal(?:eux|euse|e)|honteu(?:x|se)|c est une honte|furieu(?:x|se)|en colere|(?:j en ai )?marre|ras le bol|lamentable|arnaque|escroc(?:s|querie)?|merde|putain|bordel|connards?|j attends toujours|toujours pas de (?:reponse|nouvelles)|personne ne (?:me )?repond|c est nul",
    ),
  },
];

/** Messages written mostly in capitals read as shouting ("WHERE IS MY REFUND"). */
function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length < 10) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length;
  const capsWords = text
    .split(/\s+/)
    .filter((w) => w.replace(/[^\p{L}]/gu, "").length >= 3 && w === w.toUpperCase() && /\p{L}/u.test(w));
  return upper / letters.length >= 0.7 && capsWords.length >= 2;
}

export interface HandoffMatch {
  reason: HandoffReason;
  explanation: string;
}

/** The first mandatory hand-off reason the message gives, or null. */
export function detectMandatoryHandoff(text: string): HandoffMatch | null {
  const folded = foldForMatching(text);
  for (const rule of RULES) {
    if (rule.patterns.some((pattern) => pattern.test(folded)))
      return { reason: rule.reason, explanation: rule.explanation };
  }
  if (isShouting(text))
    return { reason: "frustration", explanation: "sounds angry or frustrated (written in capitals)" };
  return null;
}

/** A merchant-defined topic the message mentions (whole words, accents and case ignored, plural -s too). */
export function detectMerchantTopic(text: string, topics: readonly string[]): string | null {
  const folded = foldForMatching(text);
  for (const topic of topics) {
    const phrase = foldForMatching(topic).trim();
    if (!phrase) continue;
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "(?:s|es)? +");
    if (new RegExp(`(?<![a-z0-9])${escaped}(?:s|es)?(?![a-z0-9])`).test(folded)) return topic;
  }
  return null;
}
