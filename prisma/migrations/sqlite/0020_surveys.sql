-- Answer sets, who took part, pending answer sets and free-text answers are WITHOUT ROWID tables
-- keyed by random UUIDs: their storage order is the key order, never the order of insertion
-- (docs/decisions/0021-anonymous-surveys.md).
CREATE TABLE "SurveyParticipation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "submittedOn" TEXT NOT NULL,
    CONSTRAINT "SurveyParticipation_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SurveyParticipation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "SurveyDraft" (
    "surveyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "section" INTEGER NOT NULL DEFAULT 1,
    "sealed" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("surveyId", "userId"),
    CONSTRAINT "SurveyDraft_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SurveyDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyPendingResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    CONSTRAINT "SurveyPendingResponse_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "SurveyTally" (
    "surveyId" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("surveyId", "questionKey", "bucket", "neighborhoodId", "language"),
    CONSTRAINT "SurveyTally_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyTextAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    CONSTRAINT "SurveyTextAnswer_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Survey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT,
    "title" JSONB NOT NULL,
    "intro" JSONB NOT NULL DEFAULT '{}',
    "thanks" JSONB NOT NULL DEFAULT '{}',
    "sections" JSONB NOT NULL DEFAULT '[]',
    "questions" JSONB NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT true,
    "audience" TEXT NOT NULL DEFAULT 'public',
    "audienceNeighborhoods" JSONB NOT NULL DEFAULT '[]',
    "audienceChannelId" TEXT,
    "opensAt" DATETIME,
    "closesAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "resultsPublic" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "previousVersionId" TEXT,
    "responseCount" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Survey_audienceChannelId_fkey" FOREIGN KEY ("audienceChannelId") REFERENCES "Channel" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Survey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Survey" ("anonymous", "createdAt", "id", "key", "questions", "title") SELECT "anonymous", "createdAt", "id", "key", "questions", "title" FROM "Survey";
DROP TABLE "Survey";
ALTER TABLE "new_Survey" RENAME TO "Survey";
CREATE UNIQUE INDEX "Survey_key_key" ON "Survey"("key");
CREATE INDEX "Survey_status_closesAt_idx" ON "Survey"("status", "closesAt");
CREATE TABLE "new_SurveyResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "requestId" TEXT,
    "userId" TEXT,
    "answers" JSONB NOT NULL,
    "language" TEXT NOT NULL,
    "neighborhoodId" TEXT,
    "channel" TEXT NOT NULL DEFAULT 'web',
    "recordedById" TEXT,
    "submittedOn" TEXT NOT NULL,
    "submittedAt" DATETIME,
    "batch" INTEGER,
    CONSTRAINT "SurveyResponse_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SurveyResponse_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ServiceRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SurveyResponse_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SurveyResponse_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
) WITHOUT ROWID;
-- Existing answers (the request follow-up) keep their instant; their day is its UTC date (stored as ISO text).
INSERT INTO "new_SurveyResponse" ("answers", "channel", "id", "language", "recordedById", "requestId", "submittedAt", "submittedOn", "surveyId") SELECT "answers", "channel", "id", "language", "recordedById", "requestId", "submittedAt", substr("submittedAt", 1, 10), "surveyId" FROM "SurveyResponse";
DROP TABLE "SurveyResponse";
ALTER TABLE "new_SurveyResponse" RENAME TO "SurveyResponse";
CREATE INDEX "SurveyResponse_surveyId_submittedOn_idx" ON "SurveyResponse"("surveyId", "submittedOn");
CREATE UNIQUE INDEX "SurveyResponse_surveyId_requestId_key" ON "SurveyResponse"("surveyId", "requestId");
CREATE UNIQUE INDEX "SurveyResponse_surveyId_userId_key" ON "SurveyResponse"("surveyId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SurveyParticipation_userId_idx" ON "SurveyParticipation"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyParticipation_surveyId_userId_key" ON "SurveyParticipation"("surveyId", "userId");

-- CreateIndex
CREATE INDEX "SurveyPendingResponse_surveyId_idx" ON "SurveyPendingResponse"("surveyId");

-- CreateIndex
CREATE INDEX "SurveyTextAnswer_surveyId_questionKey_id_idx" ON "SurveyTextAnswer"("surveyId", "questionKey", "id");


-- The built-in follow-up is live, and not anonymous in the new sense: each answer is linked to its
-- request. Its count of answer sets starts from what is stored.
UPDATE "Survey" SET "status" = 'published', "anonymous" = false,
  "responseCount" = (SELECT count(*) FROM "SurveyResponse" r WHERE r."surveyId" = "Survey"."id")
  WHERE "key" IS NOT NULL;
