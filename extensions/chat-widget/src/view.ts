import { el } from "./dom";
import { STYLES } from "./styles";
import type { WidgetConfig } from "./types";

export const MAX_TEXT = 2000;
/** The character counter appears once fewer than this many characters are left. */
export const COUNTER_FROM = 200;

const SVG_NS = "http://www.w3.org/2000/svg";
const BUBBLE_ICON = "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z";

/** The widget's elements; widget.ts wires behaviour onto them. */
export interface WidgetView {
  host: HTMLElement;
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  badge: HTMLElement;
  panel: HTMLElement;
  close: HTMLButtonElement;
  away: HTMLElement;
  list: HTMLOListElement;
  live: HTMLElement;
  form: HTMLFormElement;
  emailLabel: HTMLElement;
  email: HTMLInputElement;
  error: HTMLElement;
  retry: HTMLButtonElement;
  text: HTMLTextAreaElement;
  send: HTMLButtonElement;
  counter: HTMLElement;
}

function accentColors(accent: string): { accent: string; onAccent: string } {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(accent) ? accent : "#1f6feb";
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (c) => c + c) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  // Relative luminance (WCAG), to pick whichever of black or white text reads better.
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return { accent: hex, onAccent: luminance > 0.179 ? "#1a1a1a" : "#ffffff" };
}

function icon(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = doc.createElementNS(SVG_NS, "path");
  path.setAttribute("d", BUBBLE_ICON);
  svg.append(path);
  return svg;
}

export function buildView(doc: Document, config: WidgetConfig): WidgetView {
  const t = config.texts;
  const host = el(doc, "div", { id: "threadline-chat" });
  const colors = accentColors(config.accentColor);
  host.style.setProperty("--tl-accent", colors.accent);
  host.style.setProperty("--tl-on-accent", colors.onAccent);
  const root = host.attachShadow({ mode: "open" });

  const wrapper = el(doc, "div", { class: config.position === "left" ? "left" : "right", lang: config.locale });
  const launcher = el(doc, "button", {
    type: "button",
    class: "launcher",
    "aria-expanded": "false",
    "aria-controls": "tl-panel",
    "aria-label": t.open,
  });
  const badge = el(doc, "span", { class: "badge", "aria-hidden": "true", hidden: "" });
  launcher.append(icon(doc), badge);

  const panel = el(doc, "div", { id: "tl-panel", class: "panel", role: "dialog", "aria-label": t.title, hidden: "" });
  const header = el(doc, "header");
  const close = el(doc, "button", { type: "button", class: "close", "aria-label": t.close }, "×");
  header.append(el(doc, "h2", {}, t.title), close);
  const away = el(doc, "p", { class: "away", hidden: "" }, t.away);
  const list = el(doc, "ol", { class: "messages" });

  const form = el(doc, "form", { novalidate: "" });
  const emailLabel = el(doc, "label", { hidden: "" }, t.email_label);
  const email = el(doc, "input", { type: "email", name: "email", autocomplete: "email", required: "" });
  emailLabel.append(email);
  const error = el(doc, "p", { class: "error", role: "alert", hidden: "" });
  const retry = el(doc, "button", { type: "button", class: "retry", hidden: "" }, t.retry);
  const text = el(doc, "textarea", {
    name: "text",
    rows: "2",
    maxlength: String(MAX_TEXT),
    "aria-label": t.message_label,
    placeholder: t.placeholder,
  });
  const send = el(doc, "button", { type: "submit", class: "send" }, t.send);
  const row = el(doc, "div", { class: "row" });
  row.append(text, send);
  const counter = el(doc, "p", { class: "count", "aria-live": "polite", hidden: "" });
  form.append(emailLabel, error, retry, row, counter);
  panel.append(header, away, list, form);

  // Outside the panel, so new staff messages are announced even while the panel is closed.
  const live = el(doc, "div", { class: "sr", "aria-live": "polite" });
  const style = el(doc, "style", {}, STYLES);
  wrapper.append(launcher, panel, live);
  root.append(style, wrapper);
  return {
    host,
    root,
    launcher,
    badge,
    panel,
    close,
    away,
    list,
    live,
    form,
    emailLabel,
    email,
    error,
    retry,
    text,
    send,
    counter,
  };
}
