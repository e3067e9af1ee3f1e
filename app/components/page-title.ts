import type { MetaDescriptor } from "@remix-run/node";

/** "Inbox · Threadline": the page first, so a row of browser tabs tells them apart. */
export function pageTitle(...parts: (string | null | undefined)[]): MetaDescriptor[] {
  return [{ title: [...parts.filter((p): p is string => Boolean(p)), "Threadline"].join(" · ") }];
}
