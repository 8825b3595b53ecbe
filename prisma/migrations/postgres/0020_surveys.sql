-- DropIndex
DROP INDEX "SurveyResponse_surveyId_submittedAt_idx";

-- AlterTable
ALTER TABLE "Survey" ADD COLUMN     "audience" TEXT NOT NULL DEFAULT 'public',
ADD COLUMN     "audienceChannelId" TEXT,
ADD COLUMN     "audienceNeighborhoods" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "closesAt" TIMESTAMP(3),
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "intro" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "opensAt" TIMESTAMP(3),
ADD COLUMN     "previousVersionId" TEXT,
ADD COLUMN     "responseCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resultsPublic" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sections" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'draft',
ADD COLUMN     "thanks" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "SurveyResponse" ADD COLUMN     "batch" INTEGER,
ADD COLUMN     "neighborhoodId" TEXT,
ADD COLUMN     "submittedOn" TEXT,
ADD COLUMN     "userId" TEXT,
ALTER COLUMN "submittedAt" DROP NOT NULL,
ALTER COLUMN "submittedAt" DROP DEFAULT;

-- Existing answers (the request follow-up) keep their instant; their day is its UTC date.
UPDATE "SurveyResponse" SET "submittedOn" = to_char("submittedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD');
ALTER TABLE "SurveyResponse" ALTER COLUMN "submittedOn" SET NOT NULL;

-- CreateTable
CREATE TABLE "SurveyParticipation" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "submittedOn" TEXT NOT NULL,

    CONSTRAINT "SurveyParticipation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyDraft" (
    "surveyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "section" INTEGER NOT NULL DEFAULT 1,
    "sealed" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyDraft_pkey" PRIMARY KEY ("surveyId","userId")
);

-- CreateTable
CREATE TABLE "SurveyPendingResponse" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,

    CONSTRAINT "SurveyPendingResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyTally" (
    "surveyId" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SurveyTally_pkey" PRIMARY KEY ("surveyId","questionKey","bucket","neighborhoodId","language")
);

-- CreateTable
CREATE TABLE "SurveyTextAnswer" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,

    CONSTRAINT "SurveyTextAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SurveyParticipation_userId_idx" ON "SurveyParticipation"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyParticipation_surveyId_userId_key" ON "SurveyParticipation"("surveyId", "userId");

-- CreateIndex
CREATE INDEX "SurveyPendingResponse_surveyId_idx" ON "SurveyPendingResponse"("surveyId");

-- CreateIndex
CREATE INDEX "SurveyTextAnswer_surveyId_questionKey_id_idx" ON "SurveyTextAnswer"("surveyId", "questionKey", "id");

-- CreateIndex
CREATE INDEX "Survey_status_closesAt_idx" ON "Survey"("status", "closesAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_surveyId_submittedOn_idx" ON "SurveyResponse"("surveyId", "submittedOn");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_surveyId_userId_key" ON "SurveyResponse"("surveyId", "userId");

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_audienceChannelId_fkey" FOREIGN KEY ("audienceChannelId") REFERENCES "Channel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyParticipation" ADD CONSTRAINT "SurveyParticipation_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyParticipation" ADD CONSTRAINT "SurveyParticipation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyDraft" ADD CONSTRAINT "SurveyDraft_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyDraft" ADD CONSTRAINT "SurveyDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyPendingResponse" ADD CONSTRAINT "SurveyPendingResponse_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyTally" ADD CONSTRAINT "SurveyTally_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyTextAnswer" ADD CONSTRAINT "SurveyTextAnswer_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The built-in follow-up is live, and not anonymous in the new sense: each answer is linked to its
-- request. Its count of answer sets starts from what is stored.
UPDATE "Survey" SET "status" = 'published', "anonymous" = false,
  "responseCount" = (SELECT count(*) FROM "SurveyResponse" r WHERE r."surveyId" = "Survey"."id")
  WHERE "key" IS NOT NULL;
