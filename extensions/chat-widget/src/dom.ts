/**
 * The tags the widget builds. Listed here rather than keyed on the global HTMLElementTagNameMap,
 * which other packages in the repo (Shopify's UI extension types) widen with non-DOM components.
 */
interface Tags {
  div: HTMLDivElement;
  span: HTMLSpanElement;
  p: HTMLParagraphElement;
  h2: HTMLHeadingElement;
  header: HTMLElement;
  button: HTMLButtonElement;
  ol: HTMLOListElement;
  li: HTMLLIElement;
  form: HTMLFormElement;
  label: HTMLLabelElement;
  input: HTMLInputElement;
  textarea: HTMLTextAreaElement;
  style: HTMLStyleElement;
  section: HTMLElement;
  fieldset: HTMLFieldSetElement;
  legend: HTMLLegendElement;
}

/**
 * Creates an element with attributes and optional text. Text is only ever set through
 * textContent: shopper and staff messages are plain text and must never become markup.
 */
export function el<K extends keyof Tags>(
  doc: Document,
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): Tags[K] {
  const node = doc.createElement(tag) as unknown as Tags[K];
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Fills "{name}" placeholders (Shopify leaves single braces alone in locale strings). */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
