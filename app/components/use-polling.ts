import { useEffect, useRef } from "react";

/**
 * Re-runs the route loaders every `intervalMs` while the tab is visible and nothing else is
 * loading (Remix's revalidation keeps scroll position, focus and form state). Also revalidates
 * at once when the tab becomes visible again.
 */
export function usePolling(revalidator: { state: string; revalidate: () => void }, intervalMs: number) {
  const ref = useRef(revalidator);
  ref.current = revalidator;
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === "visible" && ref.current.state === "idle") ref.current.revalidate();
    };
    const timer = window.setInterval(tick, intervalMs);
    const onVisible = () => {
      if (document.visibilityState === "visible") tick();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [intervalMs]);
}
