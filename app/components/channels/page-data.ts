// The Channels page's data as the browser receives it, for the cards that make up the page.
import type { SerializeFrom } from "@remix-run/node";
import type { channelsPageData } from "../../channels/settings-page.server";

type ChannelsPageData = SerializeFrom<typeof channelsPageData>;
export type ProviderData = ChannelsPageData["providers"][number];
export type MetaData = ChannelsPageData["meta"];
