-- Hiding an opening post once hid its thread too; since then it hides the post only (its replies
-- stay readable under the "hidden" notice). Threads hidden that way are shown again: a published
-- opening post that is hidden, in a hidden thread. A thread hidden because its opening post is
-- held for approval (status pending) is left hidden: approving it shows the thread.
UPDATE "Thread" SET "hiddenAt" = NULL, "hiddenReason" = NULL
WHERE "hiddenAt" IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM "Post" p
    WHERE p."threadId" = "Thread"."id" AND p."isOpening" = TRUE AND p."status" = 'published' AND p."hiddenAt" IS NOT NULL
  );
