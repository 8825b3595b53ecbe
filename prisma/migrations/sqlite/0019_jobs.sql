-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "uniqueKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE UNIQUE INDEX "Job_name_uniqueKey_key" ON "Job"("name", "uniqueKey");


-- Mail waiting to be sent (or retried) was picked up by a timer; it becomes a job now.
INSERT INTO "Job" ("id", "name", "payload", "status", "runAt", "attempts", "maxAttempts", "createdAt")
SELECT 'mail-' || "id", 'mail.send', json_object('mailId', "id"), 'queued', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), 0, 5 - "attempts", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
FROM "MailMessage" WHERE "status" IN ('queued', 'failed', 'sending') AND "attempts" < 5;
