// Teams, availability and capacity (issue 13, item 1): the team page's form intents through the real
// route (demo sign-in), zod validation with clear errors, another shop's ids answering 404, each
// person's own availability, the conversation's team with its activity line, and availableMembers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConversationIntent } from "../../app/conversations/conversation-intents.server";
import { db } from "../../app/db/client.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { availableMembers, listStaffMembers } from "../../app/staff/members.server";
import { runTeamIntent } from "../../app/staff/team-intents.server";
import { listTeams } from "../../app/staff/teams.server";
import { postToAdminRoute, signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";
import { createShop } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

let shopId: string;
let otherShopId: string;
const route = () => import("../../app/routes/app.settings.team");
const post = (body: Record<string, string>) => postToAdminRoute(route, "/app/settings/team", body);

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

async function member(shop: string, userId: string, name: string, extra: Record<string, unknown> = {}) {
  return db().staffMember.create({ data: { shopId: shop, userId, name, ...extra } });
}

async function expectNotFound(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(404);
}

async function openConversation(shop: string, assigneeId: string | null) {
  const customer = await db().customer.create({ data: { shopId: shop } });
  return db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId: shop,
      customerId: customer.id,
      openCustomerId: customer.id,
      assigneeId,
    },
  });
}

beforeAll(async () => {
  shopId = (await createShop({ domain: TEST_SHOP_DOMAIN })).id;
  otherShopId = (await createShop({ domain: "other-teams.myshopify.com" })).id;
  await signInDemoAdmin();
});

afterAll(() => signOutDemoAdmin());

describe("the team page", () => {
  it("GIVEN demo sign-in WHEN the page loads THEN Demo Staff has a StaffMember row and is listed", async () => {
    const { loader } = await route();
    const res = await loader({
      request: new Request("http://127.0.0.1:3999/app/settings/team"),
      params: {},
      context: {},
    });
    const data = (await res.json()) as { members: Array<{ userId: string; name: string }>; myUserId: string };
    expect(data.myUserId).toBe("demo-staff");
    expect(data.members).toEqual([expect.objectContaining({ userId: "demo-staff", name: "Demo Staff" })]);
  });

  it("GIVEN the signed-in person WHEN they set their availability THEN only their own row changes; anything but ONLINE/AWAY is refused", async () => {
    await member(shopId, "av-other", "Other Person");
    expect(await post({ intent: "availability", availability: "AWAY" })).toEqual({
      status: 200,
      body: { ok: true, intent: "availability" },
    });
    const rows = await db().staffMember.findMany({ where: { shopId, userId: { in: ["demo-staff", "av-other"] } } });
    expect(Object.fromEntries(rows.map((r) => [r.userId, r.availability]))).toEqual({
      "demo-staff": "AWAY",
      "av-other": "ONLINE",
    });
    expect(await post({ intent: "availability", availability: "BUSY" })).toEqual({
      status: 400,
      body: { ok: false, intent: "availability", error: "Availability is Online or Away.", field: "availability" },
    });
    await post({ intent: "availability", availability: "ONLINE" });
  });

  it("GIVEN a member WHEN capacity is saved THEN whole numbers up to 500 or empty (no limit) are kept, others refused", async () => {
    const m = await member(shopId, "cap-1", "Cap One");
    expect((await post({ intent: "capacity", memberId: m.id, capacity: "3" })).status).toBe(200);
    expect((await db().staffMember.findUniqueOrThrow({ where: { id: m.id } })).capacity).toBe(3);
    expect((await post({ intent: "capacity", memberId: m.id, capacity: "" })).status).toBe(200);
    expect((await db().staffMember.findUniqueOrThrow({ where: { id: m.id } })).capacity).toBeNull();
    for (const bad of ["-1", "2.5", "lots"]) {
      expect(await post({ intent: "capacity", memberId: m.id, capacity: bad })).toEqual({
        status: 400,
        body: {
          ok: false,
          intent: "capacity",
          error: "Capacity is a whole number of conversations, or empty for no limit.",
          field: "capacity",
        },
      });
    }
    expect((await post({ intent: "capacity", memberId: m.id, capacity: "501" })).body).toMatchObject({
      error: "Capacity can be at most 500 conversations.",
    });
    expect((await db().staffMember.findUniqueOrThrow({ where: { id: m.id } })).capacity).toBeNull();
  });

  it("GIVEN teams WHEN created, renamed, given members and a lead, and deleted THEN the rows follow, with clear errors", async () => {
    const ana = await member(shopId, "t-ana", "Ana Lima");
    const bo = await member(shopId, "t-bo", "Bo Chen");
    expect((await post({ intent: "create-team", name: "  Returns " })).status).toBe(200);
    const team = await db().team.findFirstOrThrow({ where: { shopId, name: "Returns" } });
    expect(await post({ intent: "create-team", name: "Returns" })).toEqual({
      status: 400,
      body: { ok: false, intent: "create-team", error: 'A team named "Returns" already exists.', field: "name" },
    });
    expect((await post({ intent: "create-team", name: " " })).body).toMatchObject({
      error: "Give the team a name.",
      field: "name",
    });

    expect((await post({ intent: "add-member", teamId: team.id, memberId: ana.id })).status).toBe(200);
    expect(await post({ intent: "set-lead", teamId: team.id, memberId: bo.id })).toEqual({
      status: 400,
      body: {
        ok: false,
        intent: "set-lead",
        error: "Bo Chen is not a member of this team: add them first.",
        field: "memberId",
      },
    });
    expect((await post({ intent: "set-lead", teamId: team.id, memberId: ana.id })).status).toBe(200);
    expect((await post({ intent: "rename-team", teamId: team.id, name: "Returns & refunds" })).status).toBe(200);
    expect(await listTeams(shopId)).toEqual([
      { id: team.id, name: "Returns & refunds", leadUserId: "t-ana", memberIds: [ana.id] },
    ]);

    // Removing the lead leaves the team without one.
    expect((await post({ intent: "remove-member", teamId: team.id, memberId: ana.id })).status).toBe(200);
    expect(await db().team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({ leadUserId: null });

    expect((await post({ intent: "delete-team", teamId: team.id })).status).toBe(200);
    expect(await db().team.count({ where: { id: team.id } })).toBe(0);
  });

  it("GIVEN another shop's team and member WHEN named in any team intent THEN 404 and nothing changes", async () => {
    const foreignTeam = await db().team.create({ data: { shopId: otherShopId, name: "Theirs" } });
    const foreignMember = await member(otherShopId, "f-1", "Foreign");
    const ownTeam = await db().team.create({ data: { shopId, name: "Ours" } });
    const own = await member(shopId, "o-1", "Own Person");
    const run = (fields: Record<string, string>) => runTeamIntent({ shopId, userId: "demo-staff", form: form(fields) });

    await expectNotFound(run({ intent: "rename-team", teamId: foreignTeam.id, name: "Mine now" }));
    await expectNotFound(run({ intent: "delete-team", teamId: foreignTeam.id }));
    await expectNotFound(run({ intent: "add-member", teamId: foreignTeam.id, memberId: own.id }));
    await expectNotFound(run({ intent: "add-member", teamId: ownTeam.id, memberId: foreignMember.id }));
    await expectNotFound(run({ intent: "set-lead", teamId: foreignTeam.id, memberId: "" }));
    await expectNotFound(run({ intent: "capacity", memberId: foreignMember.id, capacity: "1" }));
    expect(await db().team.findUniqueOrThrow({ where: { id: foreignTeam.id } })).toMatchObject({ name: "Theirs" });
    expect(await db().teamMember.count({ where: { teamId: ownTeam.id } })).toBe(0);
    expect((await db().staffMember.findUniqueOrThrow({ where: { id: foreignMember.id } })).capacity).toBeNull();
  });
});

describe("teams on conversations and who is available", () => {
  it("GIVEN a conversation WHEN staff set its team THEN teamId is set with a team_changed line; another shop's team is 404", async () => {
    const team = await db().team.create({ data: { shopId, name: "Billing" } });
    const foreign = await db().team.create({ data: { shopId: otherShopId, name: "Billing" } });
    const conversation = await openConversation(shopId, null);
    const staff = { id: "demo-staff", name: "Demo Staff" };
    const act = (fields: Record<string, string>) =>
      runConversationIntent({ shopId, conversationId: conversation.id, staff, form: form(fields) });

    expect(await act({ intent: "assign-team", teamId: team.id })).toMatchObject({ ok: true });
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).teamId).toBe(team.id);
    await expectNotFound(act({ intent: "assign-team", teamId: foreign.id }));
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).teamId).toBe(team.id);
    const lines = await db().conversationActivity.findMany({ where: { conversationId: conversation.id } });
    expect(lines).toEqual([
      expect.objectContaining({
        kind: "team_changed",
        actorType: "STAFF",
        actorId: "demo-staff",
        actorName: "Demo Staff",
        detail: { teamId: team.id, teamName: "Billing", previousTeamId: null },
      }),
    ]);
  });

  it("GIVEN members online or away, under or at capacity WHEN availableMembers is asked THEN only online ones under capacity come, with their load", async () => {
    const shop = (await createShop({ domain: "available-members.myshopify.com" })).id;
    const free = await member(shop, "u-free", "Free", { capacity: 2 });
    const full = await member(shop, "u-full", "Full", { capacity: 1 });
    await member(shop, "u-away", "Away", { availability: "AWAY" });
    const unlimited = await member(shop, "u-unl", "Unlimited", { lastAssignedAt: new Date("2026-12-01T10:00:00Z") });
    await openConversation(shop, "u-free");
    await openConversation(shop, "u-full");
    const resolved = await openConversation(shop, "u-full");
    await db().conversation.update({ where: { id: resolved.id }, data: { status: "RESOLVED", openCustomerId: null } });
    const team = await db().team.create({ data: { shopId: shop, name: "Core" } });
    await db().teamMember.create({ data: { teamId: team.id, staffMemberId: free.id } });
    await db().teamMember.create({ data: { teamId: team.id, staffMemberId: full.id } });

    const all = await availableMembers(db(), shop, null);
    expect(all.map((m) => [m.name, m.openAssigned])).toEqual([
      ["Free", 1],
      ["Unlimited", 0],
    ]);
    expect(all[1]).toMatchObject({ id: unlimited.id, userId: "u-unl", capacity: null });
    expect(all[1].lastAssignedAt).toEqual(new Date("2026-12-01T10:00:00Z"));
    expect((await availableMembers(db(), shop, team.id)).map((m) => m.name)).toEqual(["Free"]);
    // Another shop's team gives nobody.
    expect(await availableMembers(db(), otherShopId, team.id)).toEqual([]);
    expect((await listStaffMembers(shop)).find((m) => m.userId === "u-full")).toMatchObject({
      openAssigned: 1,
      capacity: 1,
    });
  });
});
