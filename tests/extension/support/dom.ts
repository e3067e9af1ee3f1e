// Small helpers to drive the block's Polaris web components in happy-dom: they are unknown elements
// there, so a field's value is set as the admin would set it, then its event is fired.
import { vi } from "vitest";

export function byTag(root: ParentNode, tag: string): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(tag));
}

/** The one element of `tag` whose label attribute is `label`. */
export function field(root: ParentNode, tag: string, label: string): HTMLElement & { value?: string } {
  const found = byTag(root, tag).filter((el) => el.getAttribute("label") === label);
  if (found.length !== 1) throw new Error(`Expected one <${tag} label="${label}">, found ${found.length}`);
  return found[0];
}

export function button(root: ParentNode, text: string): HTMLElement {
  const found = byTag(root, "s-button").filter((el) => el.textContent?.trim() === text);
  if (found.length !== 1) throw new Error(`Expected one button "${text}", found ${found.length}`);
  return found[0];
}

export function fill(element: HTMLElement & { value?: string }, value: string, event: "input" | "change") {
  element.value = value;
  element.dispatchEvent(new Event(event));
}

export function click(element: HTMLElement) {
  element.dispatchEvent(new Event("click"));
}

/** Waits until the rendered text contains `text` (renders and fetches settle asynchronously). */
export async function findText(root: Element, text: string) {
  await vi.waitFor(() => {
    if (!root.textContent?.includes(text)) throw new Error(`"${text}" not rendered yet: ${root.textContent}`);
  });
}

/** A field's current value: the property once set (as the admin's elements have), else the attribute. */
export function valueOf(element: HTMLElement & { value?: string }): string | null {
  return "value" in element ? (element.value ?? null) : element.getAttribute("value");
}

/** The visible text of an element, its pieces separated by one space. */
export function textOf(element: Node): string {
  const pieces: string[] = [];
  const walker = element.ownerDocument!.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    if (text) pieces.push(text);
  }
  return pieces.join(" ");
}
