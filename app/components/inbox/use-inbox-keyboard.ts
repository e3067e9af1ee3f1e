// Inbox keyboard: j / ArrowDown and k / ArrowUp move between conversations, Enter opens one
// (the row's link has focus, so Enter is the browser's own), "/" focuses search.
import { useEffect, type RefObject } from "react";

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

export function useInboxKeyboard(listRef: RefObject<HTMLElement>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      const links = Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-inbox-row]") ?? []);
      if (event.key === "/") {
        event.preventDefault();
        document.querySelector<HTMLInputElement>("#inbox-search")?.focus();
        return;
      }
      const down = event.key === "j" || event.key === "ArrowDown";
      const up = event.key === "k" || event.key === "ArrowUp";
      if (!down && !up) return;
      if (links.length === 0) return;
      event.preventDefault();
      const current = links.findIndex((a) => a === document.activeElement);
      const index = current < 0 ? 0 : Math.min(links.length - 1, Math.max(0, current + (down ? 1 : -1)));
      links[index].focus();
      links[index].scrollIntoView({ block: "nearest" });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [listRef]);
}
