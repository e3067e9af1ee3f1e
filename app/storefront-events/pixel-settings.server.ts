// The pixel endpoint's flood limits (README's Environment table lists them), parsed once like
// app/chat/chat-settings.server.ts.
import { z } from "zod";

const schema = z.object({
  /** Requests one browser (shop + the pixel's clientId) may send per minute; more answer 429. */
  PIXEL_REQUESTS_PER_CLIENT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Requests a whole shop may receive per minute, whatever the client ids (they are invented freely). */
  PIXEL_REQUESTS_PER_SHOP_PER_MINUTE: z.coerce.number().int().positive().default(3000),
});

export type PixelSettings = z.infer<typeof schema>;

let cached: PixelSettings | undefined;

export function pixelSettings(): PixelSettings {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return (cached = parsed.data);
}

/** Tests change the environment between files. */
export function resetPixelSettings(): void {
  cached = undefined;
}
