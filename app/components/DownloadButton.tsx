// Downloads a file from an authenticated resource route. Inside the Shopify admin
// a plain link would lose the session token, so the file is fetched (App Bridge
// adds the token to fetch) and handed to the browser as a blob.
import { useState } from "react";
import { BlockStack, Button, Text } from "@shopify/polaris";

function filenameFrom(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match?.[1] ?? fallback;
}

export function DownloadButton({
  url,
  children,
  accessibilityLabel,
}: {
  url: string;
  children: string;
  accessibilityLabel?: string;
}) {
  const [state, setState] = useState<"idle" | "loading" | "error">("idle");
  const download = async () => {
    setState("loading");
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const blob = await response.blob();
      const href = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = href;
      a.download = filenameFrom(response.headers.get("Content-Disposition"), "export.json");
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      setState("idle");
    } catch {
      setState("error");
    }
  };
  return (
    <BlockStack gap="100" inlineAlign="start">
      <Button size="slim" onClick={download} loading={state === "loading"} accessibilityLabel={accessibilityLabel}>
        {children}
      </Button>
      {state === "error" ? (
        <Text as="span" tone="critical" variant="bodySm">
          Download failed. Try again.
        </Text>
      ) : null}
    </BlockStack>
  );
}
