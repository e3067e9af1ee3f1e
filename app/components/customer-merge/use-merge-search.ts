// The merge page's search box: typing updates ?q= after a short pause (keeping ?with=), and each
// result links to the same page with ?with= set to preview it.
import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "@remix-run/react";

const SEARCH_DEBOUNCE_MS = 300;

export function useMergeSearch(customerId: string, q: string) {
  const [searchParams, setSearchParams] = useSearchParams();
  const [query, setQuery] = useState(q);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => setQuery(q), [q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = useCallback(
    (value: string) => {
      const next = new URLSearchParams();
      if (value.trim()) next.set("q", value.trim());
      const selected = searchParams.get("with");
      if (selected) next.set("with", selected);
      setSearchParams(next, { replace: true, preventScrollReset: true });
    },
    [searchParams, setSearchParams],
  );
  const onQueryChange = (value: string) => {
    setQuery(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(value), SEARCH_DEBOUNCE_MS);
  };
  const previewUrl = (otherId: string) => {
    const next = new URLSearchParams(searchParams);
    next.set("with", otherId);
    return `/app/customers/${customerId}/merge?${next.toString()}`;
  };
  return { query, onQueryChange, previewUrl };
}
