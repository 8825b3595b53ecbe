-- Grouped notifications ("5 new replies"). Hand-simplified from Prisma's table rebuild: adding a
-- nullable column and one with a constant default needs no copy of the table.
ALTER TABLE "Notification" ADD COLUMN "groupKey" TEXT;
ALTER TABLE "Notification" ADD COLUMN "count" INTEGER NOT NULL DEFAULT 1;

CREATE INDEX "Notification_groupKey_readAt_idx" ON "Notification"("groupKey", "readAt");
