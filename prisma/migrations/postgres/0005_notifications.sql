-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "notifyPending" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "groupKey" TEXT;

-- CreateIndex
CREATE INDEX "Post_notifyPending_idx" ON "Post"("notifyPending");

-- CreateIndex
CREATE INDEX "Notification_groupKey_readAt_idx" ON "Notification"("groupKey", "readAt");

