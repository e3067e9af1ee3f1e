// A read-only value (a webhook URL) with a copy button. The value stays selectable
// for browsers that refuse clipboard access (plain http, old embedded iframes).
import { useEffect, useState } from "react";
import { Button, TextField } from "@shopify/polaris";

export function CopyField({ label, value, helpText }: { label: string; value: string; helpText?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <TextField
      label={label}
      value={value}
      readOnly
      autoComplete="off"
      monospaced
      helpText={state === "failed" ? "Copy failed: select the text and copy it by hand." : helpText}
      onFocus={(event) => (event?.target as HTMLInputElement | undefined)?.select?.()}
      connectedRight={
        <Button onClick={copy} accessibilityLabel={`Copy ${label}`}>
          {state === "copied" ? "Copied" : "Copy"}
        </Button>
      }
    />
  );
}
