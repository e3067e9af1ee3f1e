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
      "(?:hurt|harm|cut)(?:ing)? myself(?! (?:on|with|by accident|accidentally|opening|using|when|while))|self ?harm|want to die|wanna die|don t want to (?:live|be alive|be here anymore|exist)|no reason to live|better off dead",
      "(?:no |see the |see no |any )?point (?:in|of) (?:living|going on|life)|better off without me|can t go on (?:living|anymore|like this)|end (?:it|things) (?:all|tonight|today)|ending it all|take my (?:own )?life|not worth living|life is(?: not|n t) worth",
      "quitarme la vida|suicid[a-z]*|matarme|me quiero morir|quiero morir(?:me)?|no quiero (?:vivir|seguir viviendo|seguir aqui|existir)|hacerme dano|lastimarme|acabar con (?:mi vida|todo)|no (?:vale|merece) la pena vivir|sin ganas de vivir|mejor (?:estarian|estaria) sin mi|desaparecer para siempre",
      "me suicider|me tuer|mettre fin a (?:mes jours|ma vie)|envie de mourir|(?:je )?veux mourir|me faire du mal|plus envie de vivre|(?:envie d|veux|vais|voudrais|besoin d) en finir|en finir avec (?:la vie|tout)|mieux sans moi|plus la force de vivre",
    ),
  },
  {
    reason: "safety",
    explanation: "mentions an injury or a safety problem",
    patterns: p(
      "burn|burns|burned|burnt|burning|allergic|allergy|allergies|anaphyla[a-z]*|rash|hives|injur(?:y|ies|ed)|hurt|hospital|emergency room",
      "caught fire|on fire|fire|in flames|flames|smoking|smoke (?:came|coming|everywhere)|explod(?:e|ed|ing)|explosion|overheat(?:s|ed|ing)?|electric(?:al)? shock|electrocuted|shocked me",
      "chok(?:e|ed|ing)|swallow(?:ed|ing)?|ingested|ate (?:some|a piece|part)|poison(?:ed|ing)?|poison control|toxic|unsafe|dangerous|hazard(?:ous)?|bleed(?:ing)?|bled|stitches|made (?:me|my [a-z]+) (?:sick|ill)|threw up|vomit(?:ed|ing)?",
      "(?:cut|cuts|cutting|sliced|scratched|gashed) (?:my|his|her|their|our) (?:finger|fingers|thumb|hand|hands|palm|lip|lips|mouth|tongue|foot|feet|toe|toes|leg|legs|arm|arms|face|skin|eye|eyes|head|knee|wrist)|(?:cut|cutting) (?:myself|himself|herself|themselves)|swell(?:ing|ed)(?: up)?|swollen|blister(?:ed|ing|s)?(?! pack)|stinging|can t breathe|(?:trouble|difficulty) breathing|(?:having|had|got|bad|severe|skin|allergic) (?:a |an )?reactions?|reacted badly|chemical burn|(?:eye|skin) infection|urgent care|ambulance|paramedics?|(?:red|sore|raw|peeling) and (?:swollen|sore|itchy|burning|painful|raw)",
      "quemadura|quemad[oa]s?|(?:me|se) quemo|(?:me|le|la) (?:ha )?quemado|ampollas?|hinchad[oa]s?|hinchazon|picor|irritaci(?:on|ones)|reacci(?:on|ones)|tragad[oa]|(?:se|me) trago|tragarse|ingiri[oa]|ingerido|vomit[a-z]*|medico|ambulancia|alergi(?:a|as|ca|co)|sarpullido|herid[oa]s?|lesion(?:ado|ada|es)?|hospital|urgencias|incendio|fuego|humo|exploto|explosion|descarga electrica|peligros[oa]s?|insegur[oa]s?|toxic[oa]s?|intoxica[a-z]*|me corte|sangr[a-z]*|atragant[a-z]*|asfixi[a-z]*",
      "brulure|brulures|brule|brulee|brulees|m a brule|cloques?|gonfle(?:e|es|s)?|gonflement|demangeaisons?|irritations?|reaction|avale|avalee|a avale|ingere|vomi[a-z]*|medecin|samu|ambulance|allergi(?:e|que|ques)|eczema|blesse|blessee|blessure|blessures|hopital|urgences|incendie|feu|fumee|explose|explosion|choc electrique|electrocute|dangereu(?:x|se)|toxique|intoxi[a-z]*|coupure|saign[a-z]*|etouff[a-z]*",
    ),
  },
  {
    reason: "legal_threat",
    explanation: "mentions legal action",
    patterns: p(
      "lawyer|lawyers|attorney|attorneys|solicitor|legal action|legal team|lawsuit|sue|suing|sued|take (?:you|this|it) to court|in court|small claims|trading standards|better business bureau|bbb|consumer protection|ftc|class action|ombudsman|citizens advice|legal (?:advice|proceedings|steps)|see you in court|(?:take|taking|drag|dragging) (?:you|this|it|them|your company) to (?:small claims )?court|court (?:case|action|claim)|report you to (?:the )?(?:authorities|police|regulator)",
      "abogad[oa]s?|(?:una|la|poner|presentar|interponer) demanda|demandar[a-z]*|denuncia|denunciar[a-z]*|denunciaros|(?:os|te|les|lo|la) (?:voy a |vamos a )?denunci[a-z]*|(?:oficina de|a|en) consumo|hoja de reclamaciones|omic|juicio|tribunal|tribunales|acci(?:on|ones) legal(?:es)?|via legal|profeco|oficina del consumidor",
      "avocat|avocats|proces|en justice|poursuites?|poursuivre|tribunal|porter plainte|deposer (?:une )?plainte|plainte contre|mise en demeure|action en justice|dgccrf|juridique|60 millions de consommateurs|association de consommateurs|mediateur",
    ),
  },
  {
    reason: "dispute",
    explanation: "mentions a chargeback or payment dispute",
    patterns: p(
      "charge ?backs?|disput(?:e|es|ed|ing)|paypal (?:claim|dispute|case)|(?:claim|case) (?:with|on|through|via) paypal|reverse (?:the|this|my) (?:charge|payment|transaction)|(?:contact|call|calling|contacting|ask|asking|tell|telling|report you to|reporting you to|go to|going to|complain to|speak to|speaking to) (?:my|the) (?:bank|card issuer|credit card company|card company|card provider|credit card provider)",
      "(?:report|reporting) (?:this|it|you|the (?:charge|payment|transaction)) to (?:my|the) (?:bank|card issuer|credit card company|card company|card provider)|claim (?:my|the) money back (?:from|through) (?:my|the) (?:bank|card)|section 75|money back from (?:my|the) bank",
      "(?:unauthori[sz]ed|fraudulent) (?:charge|transaction|payment)|didn t authori[sz]e|did not authori[sz]e|stop the payment|cancel the payment with my bank|report (?:this|it) to my bank",
      "contracargos?|disputa|disputar|(?:pedir|pedire|decir|dire|reclamar|reclamare|avisar|llamar|hablar|contactar|denunciar) (?:a|con|al|en) (?:mi|el) banco|(?:anul(?:e|en|ar|ara)|revierta|revertir|devuelva) el (?:cargo|cobro|pago)|(?:caso|reclamacion|disputa) (?:en|con) paypal|reclamaci(?:on|ones) (?:a|con|en|ante) (?:el|mi) banco|reclam[oa] (?:en|a|con|ante) paypal|(?:llamar|hablar|contactar) (?:a|con) mi banco|desconocer el cargo|cargo no autorizado|anular el cargo",
      "retrofacturation|opposition bancaire|contester (?:le|ce|la|mon|cet)? ?(?:paiement|prelevement|debit|achat|transaction)? ?aupres de ma banque|(?:annuler|bloquer) le paiement (?:avec|aupres de|par) ma banque|faire opposition|fait opposition|opposition (?:sur|a) (?:ma carte|le paiement|mon paiement)|litige|contester (?:le|ce|la|mon) (?:paiement|prelevement|debit|transaction|achat)|reclamation paypal|(?:contacter|appeler|prevenir) ma banque|(?:debit|paiement|prelevement) non autorise",
    ),
  },
  {
    reason: "asked_for_person",
    explanation: "asked for a person",
    patterns: p(
      `(?:speak|talk|chat)(?:ing)? (?:to|with) (?:a |an |some |the |your |one of your )?(?:real |actual |live )?(?:${PERSON_WORDS_EN})`,
      `(?:get|give|connect|transfer|put|pass) me (?:to|through to|with|over to) (?:a |an |the |your )?(?:real |actual |live )?(?:${PERSON_WORDS_EN})`,
      `(?:i|we) (?:want|need|would like|d like|demand) (?:to talk to |to speak to |to speak with |to talk with )?(?:a |an )?(?:real |actual |live )?(?:human|person|agent|representative|manager|supervisor)`,
      "real person|actual person|live person|real human|actual human|human being|human please|not a (?:bot|robot)|(?:than|instead of|not) (?:a |the |this )?(?:bot|robot|machine|chatbot)|are you a (?:bot|robot)|is this a (?:bot|robot)|stop the bot|(?:can|could|will) (?:someone|somebody|anyone) (?:call|ring|phone|contact) me|(?:can|could) you (?:call|ring|phone) me|(?:call|ring|phone) me back|have someone call me|someone (?:to )?call me",
      `(?:speak|talk|chat)(?:ing)? (?:to|with) (?:someone|somebody|anyone|a member of (?:staff|the team))|(?:put|get|transfer|pass|send|connect) me through(?: to)?|(?:get|connect|transfer|put) me (?:to|with) (?:${PERSON_WORDS_EN})|escalate (?:this|it|my)|(?:i|we) (?:want|need|would like|d like) (?:someone|somebody|a human|a person)|is (?:there|anyone) (?:an? )?(?:actual |real )?(?:human|person|someone|somebody|anyone)(?: (?:there|i can (?:talk|speak|chat) to|to (?:talk|speak|chat) to))?`,
      "^ (?:human|agent|representative|operator|person|persona|humano|agente|humain|conseiller)(?: please| por favor| s il vous plait)? $",
      "hablar con (?:una |un |alguna |algun |el |la )?(?:persona|humano|agente|asesor[a]?|representante|encargad[oa]|gerente|alguien|responsable|operador[a]?)",
      "(?:quiero|necesito|prefiero|pido) (?:una |un )?(?:persona|humano|agente|asesor[a]?|representante)|(?:hablar|contactar) con (?:atencion al cliente|servicio al cliente|soporte)|(?:llamadme|llamame|llameme|me podeis llamar|me pueden llamar|me puedes llamar)|no (?:quiero|con) (?:un |el )?(?:bot|robot)|persona real|(?:pasame|paseme|comunicame|comuniqueme|ponme|transfiereme) con|me (?:pasas|pasa|pase|comunicas|comunica|transfieres|transfiere) con (?:un|una|el|la|alguien)|atencion humana|no (?:eres|es) un (?:bot|robot)",
      "parler (?:a|avec) (?:un |une |le |la |un vrai |une vraie |un veritable )?(?:humain|personne|conseiller|conseillere|agent|responsable|operateur|quelqu un|service client)|(?:rappelez|rappeler|appelez) moi|(?:qu )?(?:on|quelqu un) (?:me )?rappelle|joindre (?:quelqu un|un conseiller|le service client)",
      "(?:un|une) (?:vrai|vraie|veritable) (?:personne|humain|conseiller)|je (?:veux|voudrais|souhaite) (?:un|une) (?:conseiller|conseillere|humain|agent|personne)|(?:mettez|passez|mettre|passer) moi en relation|service client humain",
    ),
  },
  {
    reason: "frustration",
    explanation: "sounds angry or frustrated",
    patterns: p(
      "ridiculous|unacceptable|outrageous|furious|angry|annoyed|annoying|frustrat(?:ed|ing|ion)|disappointed|disappointing|upset|pissed(?: off)?|livid|fed up|sick (?:of|and tired)|had enough|disgust(?:ed|ing)|useless|incompetent|pathetic|scam|scammers?|rip ?off|ripped off|worst|terrible|horrible|awful|appalling|shameful|disgrace|joke of a|are you (?:kidding|joking|serious)|kidding me|unbelievable|not good enough|not happy|so unhappy|very unhappy|never (?:again|ordering again|buying again)|waste of (?:time|money)|last straw|getting nowhere",
      "f+u+c+k[a-z]*|fck|wtf|ffs|shit[a-z]*|bullshit|crap|damn|bloody hell|asshole|bastards?",
      "still (?:waiting|haven t|have not|no (?:reply|answer|response))|(?:no one|nobody|noone|no body) (?:answers|answered|replies|replied|responds|responded|has (?:replied|answered|responded|got back|gotten back|helped|bothered)|is answering|got back|gets back|ever (?:replies|answers|gets back)|reply|replies|cares)|(?:no|never (?:got|had) (?:a|any)) (?:reply|response|answer) (?:yet|again|from you|to my)|been waiting (?:forever|for ages|ages|weeks|so long|too long|over a week|for weeks|for days)|waiting forever|ignor(?:ing|ed) (?:me|my)|(?:third|3rd|fourth|4th|fifth|5th|umpteenth|nth) time|(?:two|three|four|five|several|multiple|many|countless|\\d+) (?:times|emails|messages) (?:already|and|now|asking)|asked (?:you )?(?:twice|three times|several times|multiple times|so many times)|how many times (?:do|have|must|will) (?:i|we) (?:have to )?(?:ask|tell|email|write|call|explain)",
      "hart[oa]s?|inaceptable|ridicul[oa]|indignante|indignad[oa]|verguenza|pesim[oa]|furios[oa]|enojad[oa]|enfadad[oa]|molest[oa]|cabread[oa]|estafa|estafadores?|timo|mierda|joder|carajo|put[oa]|cabron|pendejo|ya basta|sigo esperando|nadie (?:me )?(?:responde|contesta|ha respondido|ha contestado|hace caso)|no puede ser|(?:tercera|cuarta|quinta|enesima) vez|decepcionad[oa]s?|decepcion|fatal|pesimo servicio|tomando el pelo|no me lo puedo creer|estoy hart[oa]|desesperad[oa]",
      "inadmissible|inacceptable|scandal(?:eux|euse|e)|honteu(?:x|se)|c est une honte|furieu(?:x|se)|en colere|(?:j en ai )?marre|ras le bol|lamentable|arnaque|escroc(?:s|querie)?|merde|putain|bordel|connards?|j attends toujours|toujours pas de (?:reponse|nouvelles)|personne ne (?:me )?(?:repond|rappelle)|c est nul|n importe quoi|(?:troisieme|quatrieme|cinquieme|enieme|nieme|3e|4e) fois|ca suffit|j en ai assez|decu|decue|decevant|decevante|agace|agacee|enerve|enervee|exaspere|exasperee|se moque de moi|vous moquez|pas serieux|inadmissible",
    ),
  },
];

/**
 * Messages written mostly in capitals read as shouting ("WHY DOES NOBODY ANSWER MY EMAILS"): at
 * least 70 % capital letters and two capitalised words of four letters or more (one with an
 * exclamation mark). Acronyms and sizes ("UPS", "DHL", "XL", "SPF") never count, so "Do you ship
 * with UPS?" or "IS XL IN STOCK" stay questions.
 */
function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length < 10) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, "").length;
  const capsWords = text
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 4 && w === w.toUpperCase() && w !== w.toLowerCase()).length;
  return upper / letters.length >= 0.7 && (capsWords >= 2 || (capsWords >= 1 && text.includes("!")));
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
