// The merge page's preview as the browser receives it, for the cards that show it.
import type { SerializeFrom } from "@remix-run/node";
import type { previewMerge } from "../../customers/merge/merge.server";

export type Preview = SerializeFrom<typeof previewMerge>;
export type MergeSideData = Extract<Preview, { ok: true }>["survivor"];
