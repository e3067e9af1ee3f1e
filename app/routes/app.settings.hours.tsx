// GET/POST /app/settings/hours: the shop's business calendar (time zone, weekday hours, holidays;
// app/business-hours/). The form is app/components/settings/BusinessHoursForm.tsx.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { parseCalendarForm } from "../business-hours/calendar-form";
import { calendarPageData, saveCalendar } from "../business-hours/calendar.server";
import { BusinessHoursForm } from "../components/settings/BusinessHoursForm";
import { pageTitle } from "../components/page-title";
import { logger } from "../lib/logger.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Business hours");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return json(await calendarPageData(shop.id));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const result = parseCalendarForm(await request.formData());
  if (!result.ok) {
    logger.info({ shopId: shop.id, field: result.field, error: result.error }, "business hours refused");
    return json(result, { status: 400 });
  }
  await saveCalendar(shop.id, result.calendar);
  return json({ ok: true as const });
};

export default function BusinessHoursPage() {
  const data = useLoaderData<typeof loader>();
  return <BusinessHoursForm data={data} />;
}
