// Renders the template through the preview route, debounced while the merchant types.
import { useEffect, useMemo, useRef } from "react";
import { useFetcher } from "@remix-run/react";
import type { EditableChannel } from "../flow-format";
import type { PreviewAction } from "./page-data";

const PREVIEW_DEBOUNCE_MS = 350;

export function usePreview(input: {
  flowId: string;
  channel: EditableChannel;
  customerId: string;
  subject: string;
  body: string;
  enabled: boolean;
}) {
  const fetcher = useFetcher<PreviewAction>();
  const submitRef = useRef(fetcher.submit);
  submitRef.current = fetcher.submit;
  const { flowId, channel, customerId, subject, body, enabled } = input;
  const request = useMemo(() => ({ customerId, channel, subject, body }), [customerId, channel, subject, body]);
  useEffect(() => {
    if (!enabled || !request.customerId) return;
    const timer = setTimeout(() => {
      submitRef.current(request, { method: "post", action: `/app/flows/${flowId}/preview` });
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [request, flowId, enabled]);
  return { result: fetcher.data, loading: fetcher.state !== "idle" };
}
