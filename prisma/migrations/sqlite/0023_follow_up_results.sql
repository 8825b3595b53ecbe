-- Tallies and free-text answers gain a segment (what an answer set is about: the request
-- follow-up's "<departmentId>/<typeId>"), and the follow-up's stored answers are written into the
-- results as the engine writes new ones (app/modules/surveys/answer-sets.server.ts). Both tables
-- stay WITHOUT ROWID (docs/decisions/0021-anonymous-surveys.md); the tallies' six-column key now
-- clusters a survey's rows together.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SurveyTally" (
    "surveyId" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "segment" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("surveyId", "questionKey", "bucket", "neighborhoodId", "language", "segment"),
    CONSTRAINT "SurveyTally_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_SurveyTally" ("bucket", "count", "language", "neighborhoodId", "questionKey", "surveyId") SELECT "bucket", "count", "language", "neighborhoodId", "questionKey", "surveyId" FROM "SurveyTally";
DROP TABLE "SurveyTally";
ALTER TABLE "new_SurveyTally" RENAME TO "SurveyTally";
CREATE TABLE "new_SurveyTextAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "segment" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "SurveyTextAnswer_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_SurveyTextAnswer" ("id", "language", "neighborhoodId", "questionKey", "responseId", "surveyId", "text") SELECT "id", "language", "neighborhoodId", "questionKey", "responseId", "surveyId", "text" FROM "SurveyTextAnswer";
DROP TABLE "SurveyTextAnswer";
ALTER TABLE "new_SurveyTextAnswer" RENAME TO "SurveyTextAnswer";
CREATE INDEX "SurveyTextAnswer_surveyId_questionKey_id_idx" ON "SurveyTextAnswer"("surveyId", "questionKey", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The follow-up's answers: the request's neighborhood, then their tallies (tally.ts: one answer
-- set, courtesy answered and its value, comments answered) and their comments as text answers.
UPDATE "SurveyResponse" SET "neighborhoodId" = (
  SELECT r."neighborhoodId" FROM "ServiceRequest" r WHERE r."id" = "SurveyResponse"."requestId")
WHERE "requestId" IS NOT NULL AND "neighborhoodId" IS NULL
  AND "surveyId" IN (SELECT "id" FROM "Survey" WHERE "key" = 'request-follow-up');

WITH "a" AS (
  SELECT resp."id", resp."surveyId", coalesce(resp."neighborhoodId", '') AS "n", resp."language" AS "l",
    r."departmentId" || '/' || r."typeId" AS "seg",
    CASE WHEN json_type(resp."answers", '$.courtesy') = 'text' THEN json_extract(resp."answers", '$.courtesy') END AS "courtesy",
    CASE WHEN json_type(resp."answers", '$.comments') = 'text' THEN json_extract(resp."answers", '$.comments') END AS "comments"
  FROM "SurveyResponse" resp
  JOIN "Survey" s ON s."id" = resp."surveyId" AND s."key" = 'request-follow-up'
  JOIN "ServiceRequest" r ON r."id" = resp."requestId"
), "b" AS (
  SELECT "surveyId", "n", "l", "seg", '' AS "q", '' AS "bucket" FROM "a"
  UNION ALL SELECT "surveyId", "n", "l", "seg", 'courtesy', '' FROM "a" WHERE "courtesy" IS NOT NULL
  UNION ALL SELECT "surveyId", "n", "l", "seg", 'courtesy', "courtesy" FROM "a" WHERE "courtesy" IS NOT NULL
  UNION ALL SELECT "surveyId", "n", "l", "seg", 'comments', '' FROM "a" WHERE "comments" IS NOT NULL
)
INSERT INTO "SurveyTally" ("surveyId", "questionKey", "bucket", "neighborhoodId", "language", "segment", "count")
SELECT "surveyId", "q", "bucket", "n", "l", "seg", count(*) FROM "b" GROUP BY "surveyId", "q", "bucket", "n", "l", "seg";

WITH "a" AS (
  SELECT resp."id", resp."surveyId", coalesce(resp."neighborhoodId", '') AS "n", resp."language" AS "l",
    r."departmentId" || '/' || r."typeId" AS "seg", json_extract(resp."answers", '$.comments') AS "comments"
  FROM "SurveyResponse" resp
  JOIN "Survey" s ON s."id" = resp."surveyId" AND s."key" = 'request-follow-up'
  JOIN "ServiceRequest" r ON r."id" = resp."requestId"
  WHERE json_type(resp."answers", '$.comments') = 'text'
)
INSERT INTO "SurveyTextAnswer" ("id", "surveyId", "responseId", "questionKey", "text", "language", "neighborhoodId", "segment")
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
  "surveyId", "id", 'comments', "comments", "l", "n", "seg" FROM "a";

UPDATE "Survey" SET "responseCount" = (SELECT count(*) FROM "SurveyResponse" r WHERE r."surveyId" = "Survey"."id")
WHERE "key" = 'request-follow-up';
