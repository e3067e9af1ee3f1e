// @vitest-environment happy-dom
// The widget's satisfaction card (extensions/chat-widget/src/csat-card.ts) on its own: five named
// radio stars, the optional comment, what is posted, the thanks, and text never becoming markup.
import { describe, expect, it } from "vitest";
import type { ApiResult, CsatAnswer } from "../../extensions/chat-widget/src/api";
import { withDefaults } from "../../extensions/chat-widget/src/config";
import { createCsatCard } from "../../extensions/chat-widget/src/csat-card";
import type { ChatCsat } from "../../extensions/chat-widget/src/types";

const t = withDefaults({}).texts;
const OPEN: ChatCsat = { surveyId: "s1", state: "open", score: null, comment: null };

function card(reply: (answer: CsatAnswer) => ApiResult<{ csat: ChatCsat }>) {
  const posted: CsatAnswer[] = [];
  const c = createCsatCard(document, t, async (answer) => {
    posted.push(answer);
    return reply(answer);
  });
  document.body.replaceChildren(c.element);
  const submit = async () => {
    c.element.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await new Promise((r) => setTimeout(r, 0));
  };
  return { c, posted, submit };
}

describe("chat widget CSAT card", () => {
  it("GIVEN an open survey THEN five named radios; 4 stars and a comment are posted and thanked as text", async () => {
    const { c, posted, submit } = card((a) => ({
      ok: true,
      status: 201,
      data: { csat: { surveyId: a.surveyId, state: "answered", score: a.score, comment: a.comment ?? null } },
    }));
    c.update(null);
    expect(c.element.hidden).toBe(true);
    c.update(OPEN);
    expect(c.element.hidden).toBe(false);
    expect(c.element.querySelector("legend")?.textContent).toBe("How did we do?");
    const radios = [...c.element.querySelectorAll<HTMLInputElement>("input[type=radio]")];
    expect(radios.map((r) => r.getAttribute("aria-label"))).toEqual([1, 2, 3, 4, 5].map((n) => `${n} out of 5 stars`));

    await submit();
    expect(posted).toEqual([]);
    expect(c.element.querySelector("[role=alert]")?.textContent).toBe("Choose a number of stars first.");

    radios[3]!.checked = true;
    radios[3]!.dispatchEvent(new Event("change"));
    expect(c.element.querySelectorAll(".star.on")).toHaveLength(4);
    c.element.querySelector("textarea")!.value = " <img src=x onerror=alert(1)> lovely ";
    // A poll saying the same thing again does not wipe the shopper's choice.
    c.update(OPEN);
    expect(radios[3]!.checked).toBe(true);
    await submit();
    expect(posted).toEqual([{ surveyId: "s1", score: 4, comment: "<img src=x onerror=alert(1)> lovely" }]);
    expect(c.element.querySelector("[role=status]")?.textContent).toBe("Thank you! You rated us 4/5.");
    expect(c.element.querySelector("img")).toBeNull();
    // A poll still in flight with "open" does not bring the stars back.
    c.update(OPEN);
    expect(c.element.querySelector("input[type=radio]")).toBeNull();
  });

  it("GIVEN the server answers 404 THEN the card says the survey is gone; an answered survey shows the thanks", async () => {
    const { c, submit } = card(() => ({ ok: false, status: 404, error: "gone" }));
    c.update(OPEN);
    c.element.querySelector<HTMLInputElement>("input[value='2']")!.checked = true;
    await submit();
    expect(c.element.querySelector("[role=alert]")?.textContent).toBe("This survey is no longer available.");
    c.update({ surveyId: "s2", state: "answered", score: 5, comment: null });
    expect(c.element.querySelector("[role=status]")?.textContent).toBe("Thank you! You rated us 5/5.");
  });
});
