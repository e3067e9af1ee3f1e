// Staff and teams in Chromium against the real demo: the team page lists the people who opened
// Threadline; a team is created with a member and a lead, a capacity saved, the signed-in person goes
// Away; then on a conversation the assignee and team pickers record activity lines that name who did
// it, as text between the messages.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];
let shopId = "";

beforeAll(async () => {
  session = await startDemoInBrowser("team");
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe("staff and teams in Chromium", () => {
  it("GIVEN two colleagues who opened Threadline WHEN the team page opens THEN everyone is listed with availability and load", async () => {
    await page.goto(`${demo.url}/app/settings/team`);
    await page.getByRole("heading", { name: "Staff", exact: true }).waitFor({ timeout: 30_000 });
    const db = await demoDb();
    shopId = (await db.staffMember.findFirstOrThrow({ where: { userId: "demo-staff" } })).shopId;
    await db.staffMember.createMany({
      data: [
        { shopId, userId: "9001", name: "Ana Lima", email: "ana@example.com" },
        { shopId, userId: "9002", name: "Sam Lee", email: "sam@example.com", availability: "AWAY", capacity: 4 },
      ],
    });
    await page.reload();
    await page.getByText("ana@example.com").waitFor();
    const rows = await page.locator("tr[data-member]").allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain("Ana Lima");
    expect(rows[1]).toContain("Demo Staff (you)");
    expect(rows[2]).toMatch(/Sam Lee.*sam@example\.com.*Away.*0 of 4/);
    await screenshot(page, "team-01-staff");
  });

  it("GIVEN the page WHEN a team is created, Ana added and made lead, her capacity saved and I go Away THEN the rows follow", async () => {
    const db = await demoDb();
    await page.getByLabel("New team").fill("Returns");
    await page.getByRole("button", { name: "Create team" }).click();
    const team = page.getByRole("region", { name: "Team Returns" });
    await team.waitFor();
    await team.getByLabel("Add member").selectOption({ label: "Ana Lima" });
    await team.getByRole("button", { name: "Add", exact: true }).click();
    await team.getByRole("button", { name: "Remove Ana Lima from Returns" }).waitFor();
    await team.getByLabel("Team lead").selectOption({ label: "Ana Lima" });
    await expect
      .poll(async () => (await db.team.findFirst({ where: { shopId, name: "Returns" } }))?.leadUserId)
      .toBe("9001");

    const ana = page.locator('tr[data-member="9001"]');
    await ana.getByLabel("Capacity of Ana Lima").fill("3");
    await ana.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => (await db.staffMember.findFirst({ where: { shopId, userId: "9001" } }))?.capacity)
      .toBe(3);

    await page.getByRole("button", { name: "Away", exact: true }).first().click();
    await expect
      .poll(async () => (await db.staffMember.findFirst({ where: { shopId, userId: "demo-staff" } }))?.availability)
      .toBe("AWAY");
    await page.locator('tr[data-member="demo-staff"]').getByText("Away").waitFor();
    await team.getByText("Ana Lima · Lead").waitFor();
    await screenshot(page, "team-02-team-and-away");
  });

  it("GIVEN a conversation WHEN it is given to Ana and the Returns team and resolved THEN the thread shows who did each", async () => {
    const db = await demoDb();
    const conversation = await db.conversation.findFirstOrThrow({
      where: { shopId, status: { not: "RESOLVED" } },
      orderBy: { lastActivityAt: "desc" },
    });
    await page.goto(`${demo.url}/app/inbox/${conversation.id}`);
    await page.getByLabel("Assignee").selectOption("9001");
    await page.getByText(/Assigned to Ana Lima by Demo Staff · /).waitFor({ timeout: 15_000 });
    const team = await db.team.findFirstOrThrow({ where: { shopId, name: "Returns" } });
    await page.getByLabel("Team", { exact: true }).selectOption(team.id);
    await page.getByText(/Team set to Returns by Demo Staff · /).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Resolve" }).click();
    await page.getByText(/Resolved by Demo Staff · /).waitFor({ timeout: 15_000 });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      assigneeId: "9001",
      assigneeName: "Ana Lima",
      teamId: team.id,
      status: "RESOLVED",
    });
    expect(await page.locator("[data-activity-line]").allTextContents()).toEqual([
      expect.stringMatching(/^Assigned to Ana Lima by Demo Staff · /),
      expect.stringMatching(/^Team set to Returns by Demo Staff · /),
      expect.stringMatching(/^Resolved by Demo Staff · /),
    ]);
    await screenshot(page, "team-03-conversation-activity");
    expect(dialogs).toEqual([]);
  });

  it("GIVEN I am Away WHEN the inbox opens THEN its header shows my availability, and Online sets it back", async () => {
    const db = await demoDb();
    await page.goto(`${demo.url}/app/inbox`);
    const online = page.getByRole("button", { name: "Online", exact: true });
    await online.waitFor();
    expect(await page.getByRole("button", { name: "Away", exact: true }).getAttribute("aria-pressed")).toBe("true");
    await screenshot(page, "team-04-inbox-availability");
    await online.click();
    await expect
      .poll(async () => (await db.staffMember.findFirst({ where: { shopId, userId: "demo-staff" } }))?.availability)
      .toBe("ONLINE");
  });
});
