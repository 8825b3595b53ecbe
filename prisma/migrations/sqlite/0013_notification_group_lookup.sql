-- DropIndex
DROP INDEX "Notification_groupKey_readAt_idx";

-- CreateIndex
CREATE INDEX "Notification_groupKey_readAt_userId_idx" ON "Notification"("groupKey", "readAt", "userId");

