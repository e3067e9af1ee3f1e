// POST /app/answers/settings: saves automatic answers per channel, "at most in a row" and the
// shop's business hours (Shop.settings.autoAnswers / businessHours; app/answers/). The card that
// posts here is app/components/answers/AutoAnswerSettingsCard.tsx.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { AUTO_ANSWER_CHANNELS } from "../answers/settings";
import { autoAnswerCardData, saveAutoAnswerSettings } from "../answers/save-settings.server";
import { logger } from "../lib/logger.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = () => redirect("/app/knowledge");

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "").trim();
  // A field left out keeps its saved value, so a form (or a script) may change one channel alone.
  const current = await autoAnswerCardData(shop.id);
  const channels = Object.fromEntries(
    AUTO_ANSWER_CHANNELS.map((c) => [
      c,
      form.has(`channel.${c}`) ? text(`channel.${c}`) : current.settings.channels[c],
    ]),
  );
  const sentHours = [...form.keys()].some((k) => k.startsWith("hours."));
  // A weekday with both times empty is closed.
  const hours = sentHours
    ? [0, 1, 2, 3, 4, 5, 6].flatMap((day) => {
        const open = text(`hours.${day}.open`);
        const close = text(`hours.${day}.close`);
        return open || close ? [{ day, open, close }] : [];
      })
    : current.businessHours.hours;
  const result = await saveAutoAnswerSettings(shop.id, {
    settings: {
      channels,
      maxInARow: form.has("maxInARow") ? Number(text("maxInARow") || "0") : current.settings.maxInARow,
    },
    businessHours: { hours },
  });
  if (!result.ok) logger.info({ shopId: shop.id, error: result.error }, "automatic answer settings refused");
  return json(result, { status: result.ok ? 200 : 400 });
};
