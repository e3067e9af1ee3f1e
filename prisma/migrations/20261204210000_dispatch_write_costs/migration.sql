-- Room on each page for the updates an outbound message always gets (its send attempt, the
-- acceptance by the provider, delivery callbacks) and for the status updates of a message timeline
-- event: an update that changes no indexed column and finds room on its page is a HOT update,
-- which writes no index entry (Message has eleven indexes, one of them a trigram GIN on the body).
-- Storage parameters are outside the Prisma schema (decision 0062).
ALTER TABLE "Message" SET (fillfactor = 50);
ALTER TABLE "TimelineEvent" SET (fillfactor = 70);

-- No query reads recipients by state across campaigns (each names its campaign), and every state
-- change of every recipient paid for this index.
DROP INDEX "CampaignRecipient_state_dueAt_idx";
