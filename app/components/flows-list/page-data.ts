// The Flows page's data as the browser receives it, for the sections and cards that make up the page.
import type { SerializeFrom } from "@remix-run/node";
import type { getFlowsOverview } from "../../admin-queries/flows.server";

export type FlowEntry = SerializeFrom<typeof getFlowsOverview>["flows"][number];
export type FlowFigures = NonNullable<FlowEntry["figures"]>;
