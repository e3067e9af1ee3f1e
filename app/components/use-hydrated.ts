// False in the server-rendered HTML and until React has hydrated this page, then
// true. A control whose only behaviour is a React handler (the flow switch) stays
// disabled until then: a click on the bare HTML would flip it and do nothing else.
import { useEffect, useState } from "react";

let hydratedOnce = false;

export function useHydrated(): boolean {
  // After the first hydration, client-side navigations render interactive at once.
  const [hydrated, setHydrated] = useState(hydratedOnce);
  useEffect(() => {
    hydratedOnce = true;
    setHydrated(true);
  }, []);
  return hydrated;
}
