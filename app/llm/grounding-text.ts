/** Lower case without accents: "Réponse" and "reponse" are the same words for the grounding checks. */
export function foldForMatch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}
