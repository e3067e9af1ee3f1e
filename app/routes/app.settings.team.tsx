// GET/POST /app/settings/team: staff members (availability, capacity, open assigned) and teams
// (app/staff/). The UI is app/components/team/.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import { AvailabilityToggle } from "../components/team/AvailabilityToggle";
import { StaffMembersCard } from "../components/team/StaffMembersCard";
import { TeamsCard } from "../components/team/TeamsCard";
import { pageTitle } from "../components/page-title";
import { requireAdmin } from "../shopify/admin-context.server";
import { listStaffMembers } from "../staff/members.server";
import { runTeamIntent } from "../staff/team-intents.server";
import { listTeams } from "../staff/teams.server";

export const meta: MetaFunction = () => pageTitle("Team");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const [members, teams] = await Promise.all([listStaffMembers(shop.id), listTeams(shop.id)]);
  return json({ members, teams, myUserId: staff.id });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const result = await runTeamIntent({ shopId: shop.id, userId: staff.id, form: await request.formData() });
  return json(result, { status: result.ok ? 200 : 400 });
};

export default function TeamSettingsPage() {
  const { members, teams, myUserId } = useLoaderData<typeof loader>();
  const me = members.find((m) => m.userId === myUserId);
  return (
    <Page title="Team">
      <BlockStack gap="400">
        <AvailabilityToggle availability={me?.availability ?? null} />
        <StaffMembersCard members={members} myUserId={myUserId} />
        <TeamsCard teams={teams} members={members} />
      </BlockStack>
    </Page>
  );
}
