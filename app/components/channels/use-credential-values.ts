// A channel form's field values: starts from the stored (non-secret) values and resets to them
// whenever a save or disconnect changes what is stored, which also drops typed secrets.
import { useEffect, useState } from "react";

export function useCredentialValues(connected: boolean, stored: Record<string, string>) {
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...stored }));
  const storedKey = `${connected}:${JSON.stringify(stored)}`;
  useEffect(() => {
    setValues(JSON.parse(storedKey.slice(storedKey.indexOf(":") + 1)) as Record<string, string>);
  }, [storedKey]);
  return [values, setValues] as const;
}
