-- Grouped notifications ("5 new replies") and batched post notices. Hand-simplified from Prisma's
-- table rebuilds: adding nullable columns or constant defaults needs no copy of the tables (and
-- rebuilding "Post" would drop the search triggers of 0004).
ALTER TABLE "Post" ADD COLUMN "notifyPending" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "Post_notifyPending_idx" ON "Post"("notifyPending");

ALTER TABLE "Notification" ADD COLUMN "groupKey" TEXT;
ALTER TABLE "Notification" ADD COLUMN "count" INTEGER NOT NULL DEFAULT 1;
CREATE INDEX "Notification_groupKey_readAt_idx" ON "Notification"("groupKey", "readAt");
