-- AlterTable
ALTER TABLE "BlockWatchGroup" ALTER COLUMN "channelId" SET NOT NULL;

