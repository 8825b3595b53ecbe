-- AlterTable
ALTER TABLE "Poll" ADD COLUMN "closeAnnouncedAt" DATETIME;

-- CreateIndex
CREATE INDEX "Poll_closeAnnouncedAt_closesAt_idx" ON "Poll"("closeAnnouncedAt", "closesAt");

