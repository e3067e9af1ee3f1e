// The satisfaction survey in the panel: five stars as a native radio group (arrow keys move
// between them, each named "4 out of 5 stars"), an optional comment, and a send button; then the
// thanks. Shown while the history answer's `csat` is open or answered (app/csat/chat-survey.server.ts).
// All text goes through textContent (dom.ts), the comment included.
import type { ApiResult, CsatAnswer } from "./api";
import { el, format } from "./dom";
import type { ChatCsat, Texts } from "./types";

const MAX_COMMENT = 1000;

export interface CsatCard {
  element: HTMLElement;
  /** The server's latest word; redraws only when the survey or its state changes (then true). */
  update(csat: ChatCsat | null): boolean;
}

export function createCsatCard(
  doc: Document,
  t: Texts,
  submit: (answer: CsatAnswer) => Promise<ApiResult<{ csat: ChatCsat }>>,
): CsatCard {
  const element = el(doc, "section", { class: "csat", "aria-label": t.csat_title, hidden: "" });
  let shown: { id: string; state: ChatCsat["state"] } | null = null;

  function thanks(score: number | null, focus: boolean) {
    const text = el(doc, "p", { class: "csat-thanks", role: "status", tabindex: "-1" });
    text.textContent = format(t.csat_thanks, { score: score ?? "" });
    element.replaceChildren(text);
    if (focus) text.focus();
  }

  function stars(surveyId: string) {
    const form = el(doc, "form", { novalidate: "" });
    const group = el(doc, "fieldset", { class: "stars" });
    group.append(el(doc, "legend", {}, t.csat_title));
    const labels: HTMLLabelElement[] = [];
    const paint = (score: number) => labels.forEach((label, i) => label.classList.toggle("on", i < score));
    for (let n = 1; n <= 5; n++) {
      const label = el(doc, "label", { class: "star" });
      const radio = el(doc, "input", {
        type: "radio",
        name: "score",
        value: String(n),
        "aria-label": format(t.csat_star, { count: n }),
      });
      radio.addEventListener("change", () => paint(n));
      label.append(radio, el(doc, "span", { "aria-hidden": "true" }, "★"));
      labels.push(label);
      group.append(label);
    }
    const commentLabel = el(doc, "label", {}, t.csat_comment_label);
    const comment = el(doc, "textarea", { name: "comment", rows: "1", maxlength: String(MAX_COMMENT) });
    commentLabel.append(comment);
    const error = el(doc, "p", { class: "error", role: "alert", hidden: "" });
    const send = el(doc, "button", { type: "submit", class: "send" }, t.csat_send);
    form.append(group, commentLabel, error, send);
    const fail = (text: string) => {
      error.textContent = text;
      error.hidden = false;
    };
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const checked = form.querySelector<HTMLInputElement>("input[name=score]:checked");
      if (!checked) {
        fail(t.csat_choose);
        form.querySelector<HTMLInputElement>("input[name=score]")?.focus();
        return;
      }
      send.disabled = true;
      const text = comment.value.trim();
      const result = await submit({ surveyId, score: Number(checked.value), ...(text ? { comment: text } : {}) });
      send.disabled = false;
      if (result.ok) {
        shown = { id: surveyId, state: "answered" };
        thanks(result.data.csat.score, true);
      } else if (result.status === 404) fail(t.csat_gone);
      else fail(result.status === 400 && result.error ? result.error : t.csat_failed);
    });
    element.replaceChildren(form);
  }

  return {
    element,
    update(csat) {
      if (!csat) {
        const was = shown !== null;
        shown = null;
        element.hidden = true;
        element.replaceChildren();
        return was;
      }
      if (shown?.id === csat.surveyId && shown.state === csat.state) return false;
      // An answer this browser just sent stays thanked even if a poll in flight said "open".
      if (shown?.id === csat.surveyId && shown.state === "answered") return false;
      shown = { id: csat.surveyId, state: csat.state };
      element.hidden = false;
      if (csat.state === "answered") thanks(csat.score, false);
      else stars(csat.surveyId);
      return true;
    },
  };
}
