-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "groupKey" TEXT;

-- CreateIndex
CREATE INDEX "Notification_groupKey_readAt_idx" ON "Notification"("groupKey", "readAt");

