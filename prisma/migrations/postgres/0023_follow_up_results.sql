-- Tallies and free-text answers gain a segment (what an answer set is about: the request
-- follow-up's "<departmentId>/<typeId>"), and the follow-up's stored answers are written into the
-- results as the engine writes new ones (app/modules/surveys/answer-sets.server.ts).
-- AlterTable
ALTER TABLE "SurveyTally" DROP CONSTRAINT "SurveyTally_pkey",
ADD COLUMN     "segment" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "SurveyTally_pkey" PRIMARY KEY ("surveyId", "questionKey", "bucket", "neighborhoodId", "language", "segment");

-- AlterTable
ALTER TABLE "SurveyTextAnswer" ADD COLUMN     "segment" TEXT NOT NULL DEFAULT '';


-- The follow-up's answers: the request's neighborhood, then their tallies (tally.ts: one answer
-- set, courtesy answered and its value, comments answered) and their comments as text answers.
UPDATE "SurveyResponse" resp SET "neighborhoodId" = r."neighborhoodId"
FROM "ServiceRequest" r, "Survey" s
WHERE r."id" = resp."requestId" AND s."id" = resp."surveyId" AND s."key" = 'request-follow-up'
  AND resp."neighborhoodId" IS NULL;

WITH "a" AS (
  SELECT resp."id", resp."surveyId", coalesce(resp."neighborhoodId", '') AS "n", resp."language" AS "l",
    r."departmentId" || '/' || r."typeId" AS "seg",
    CASE WHEN jsonb_typeof(resp."answers" -> 'courtesy') = 'string' THEN resp."answers" ->> 'courtesy' END AS "courtesy",
    CASE WHEN jsonb_typeof(resp."answers" -> 'comments') = 'string' THEN resp."answers" ->> 'comments' END AS "comments"
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

INSERT INTO "SurveyTextAnswer" ("id", "surveyId", "responseId", "questionKey", "text", "language", "neighborhoodId", "segment")
SELECT gen_random_uuid()::text, resp."surveyId", resp."id", 'comments', resp."answers" ->> 'comments', resp."language",
  coalesce(resp."neighborhoodId", ''), r."departmentId" || '/' || r."typeId"
FROM "SurveyResponse" resp
JOIN "Survey" s ON s."id" = resp."surveyId" AND s."key" = 'request-follow-up'
JOIN "ServiceRequest" r ON r."id" = resp."requestId"
WHERE jsonb_typeof(resp."answers" -> 'comments') = 'string';

UPDATE "Survey" SET "responseCount" = (SELECT count(*) FROM "SurveyResponse" r WHERE r."surveyId" = "Survey"."id")
WHERE "key" = 'request-follow-up';
