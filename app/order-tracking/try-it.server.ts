// What the Knowledge page's "Try it" shows for a tracking question. Try it has no customer, so it
// shows the one question an unknown customer is asked (brand voice applied), never an order.
import type { KnowledgeLocale } from "../knowledge/contracts";
import { applyBrandVoice } from "../knowledge/brand-voice.server";
import { askForOrderDetailsText } from "./tracking-texts";

export function orderQuestionPreview(shopId: string, locale: KnowledgeLocale): Promise<string> {
  return applyBrandVoice(shopId, askForOrderDetailsText(locale), locale);
}
