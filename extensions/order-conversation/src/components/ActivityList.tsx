/** @jsxImportSource preact */
// Who did what to the conversation, newest first: "Assigned to Ana Lima by Sam Lee · 20 Nov, 10:42".
// The lines are text from the app (names included): text children, never markup.
import type { BlockI18n } from "../i18n";
import type { ExtensionThread } from "../thread";

export const ACTIVITY_SHOWN = 5;

export function ActivityList(props: { activity: ExtensionThread["activity"]; i18n: BlockI18n }) {
  const { activity, i18n } = props;
  if (activity.length === 0) return null;
  return (
    <s-stack gap="small-200">
      <s-heading>{i18n.translate("activity.heading")}</s-heading>
      {activity.slice(0, ACTIVITY_SHOWN).map((entry) => (
        <s-text key={entry.id} color="subdued">
          {`${entry.text} · ${i18n.formatDate(new Date(entry.createdAt), { dateStyle: "medium", timeStyle: "short" })}`}
        </s-text>
      ))}
    </s-stack>
  );
}
