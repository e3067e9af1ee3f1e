// Which adapter serves which channel/provider (server-only: the adapters hold SDK clients). CHAT has no adapter: the web widget delivers it.
import type { Channel, ChannelProvider } from "../generated/prisma/enums";
import type { ConnectionCredentials } from "./credentials.server";
import { metaAdapter } from "./meta/adapter.server";
import { sendGridAdapter } from "./sendgrid/adapter.server";
import { twilioAdapter } from "./twilio/adapter.server";
import type { ChannelAdapter } from "./types";

const BY_PROVIDER: Record<ChannelProvider, ChannelAdapter> = {
  TWILIO: twilioAdapter as ChannelAdapter,
  SENDGRID: sendGridAdapter as ChannelAdapter,
  META: metaAdapter as ChannelAdapter,
};

export const PROVIDER_FOR_CHANNEL: Partial<Record<Channel, ChannelProvider>> = {
  SMS: "TWILIO",
  WHATSAPP: "TWILIO",
  EMAIL: "SENDGRID",
  MESSENGER: "META",
  INSTAGRAM: "META",
};

export function providerFor(channel: Channel): ChannelProvider | null {
  return PROVIDER_FOR_CHANNEL[channel] ?? null;
}

/** The adapter that sends on `channel`, or null (CHAT). */
export function adapterFor(channel: Channel): ChannelAdapter | null {
  const provider = providerFor(channel);
  return provider ? BY_PROVIDER[provider] : null;
}

export function adapterForProvider(provider: ChannelProvider): ChannelAdapter {
  return BY_PROVIDER[provider];
}

/** Narrowing helper: the credentials really belong to `provider`. */
export function credentialsMatch<P extends ChannelProvider>(
  provider: P,
  credentials: ConnectionCredentials,
): credentials is Extract<ConnectionCredentials, { provider: P }> {
  return credentials.provider === provider;
}
