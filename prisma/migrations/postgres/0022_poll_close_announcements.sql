-- AlterTable
ALTER TABLE "Poll" ADD COLUMN     "closeAnnouncedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Poll_closeAnnouncedAt_closesAt_idx" ON "Poll"("closeAnnouncedAt", "closesAt");

