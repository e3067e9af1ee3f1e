// POST /app/answers/settings: saves automatic answers per channel and "at most in a row"
// (Shop.settings.autoAnswers; app/answers/); `hours.*` fields, if sent, set the calendar's weekday
// hours (the calendar itself lives at /app/settings/hours). The card
// that posts here is app/components/answers/AutoAnswerSettingsCard.tsx.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { AUTO_ANSWER_CHANNELS } from "../answers/settings";
import { autoAnswerCardData, saveAutoAnswerSettings } from "../answers/save-settings.server";
import { parseWeekdayHours, saveWeekdayHours, weekdaysInForm } from "../business-hours/calendar.server";
import { logger } from "../lib/logger.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = () => redirect("/app/knowledge");

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "").trim();
  // Hours sent here (the form before the shop calendar existed) still work: they replace the
  // calendar's weekday hours and keep its time zone and holidays. Checked before anything is written.
  const hours = [...form.keys()].some((k) => k.startsWith("hours.")) ? parseWeekdayHours(form) : null;
  if (hours && !hours.ok) {
    logger.info({ shopId: shop.id, field: hours.field }, "automatic answer settings refused: hours");
    return json(hours, { status: 400 });
  }
  // A field left out (or left blank) keeps its saved value, so a form (or a script) may change one
  // channel alone; weekdays the form sent no hours fields for keep their hours.
  const current = await autoAnswerCardData(shop.id);
  const given = (name: string) => form.has(name) && text(name) !== "";
  const channels = Object.fromEntries(
    AUTO_ANSWER_CHANNELS.map((c) => [c, given(`channel.${c}`) ? text(`channel.${c}`) : current.settings.channels[c]]),
  );
  const result = await saveAutoAnswerSettings(shop.id, {
    settings: {
      channels,
      maxInARow: given("maxInARow") ? Number(text("maxInARow")) : current.settings.maxInARow,
    },
  });
  if (!result.ok) logger.info({ shopId: shop.id, error: result.error }, "automatic answer settings refused");
  else if (hours) await saveWeekdayHours(shop.id, hours.hours, weekdaysInForm(form));
  return json(result, { status: result.ok ? 200 : 400 });
};
