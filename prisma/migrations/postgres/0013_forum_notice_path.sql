-- Post notices are sent in the transaction that publishes the post (docs/decisions/0012), so the
-- pending mark goes; follower notices look up groups by (groupKey, readAt, userId).


-- DropIndex
DROP INDEX "Post_notifyPending_idx";

-- AlterTable
ALTER TABLE "Post" DROP COLUMN "notifyPending";

-- DropIndex
DROP INDEX "Notification_groupKey_readAt_idx";

-- CreateIndex
CREATE INDEX "Notification_groupKey_readAt_userId_idx" ON "Notification"("groupKey", "readAt", "userId");

