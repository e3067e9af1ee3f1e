// Channel connections as the merchant may see them: provider, status and the
// non-secret config. secretsCiphertext and webhookToken are never selected.
import { db } from "../db/client.server";

const SECRET_KEY = /secret|token|password|passwd|auth|api[_-]?key|private|credential/i;

/** Flattens the config JSON to displayable pairs, dropping anything that looks secret. */
export function publicConfigEntries(config: unknown): Array<{ key: string; value: string }> {
  if (!config || typeof config !== "object" || Array.isArray(config)) return [];
  const out: Array<{ key: string; value: string }> = [];
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (SECRET_KEY.test(key) || value === null || value === undefined) continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      out.push({ key, value: String(value) });
    } else if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
      out.push({ key, value: value.join(", ") });
    }
  }
  return out;
}

export async function listChannelConnections(shopId: string) {
  const rows = await db().channelConnection.findMany({
    where: { shopId },
    orderBy: [{ provider: "asc" }],
    select: {
      id: true,
      provider: true,
      status: true,
      config: true,
      externalAccountId: true,
      lastTestedAt: true,
      lastError: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  return rows.map(({ config, ...row }) => ({ ...row, config: publicConfigEntries(config) }));
}
