-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "uniqueKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE UNIQUE INDEX "Job_name_uniqueKey_key" ON "Job"("name", "uniqueKey");


-- Mail waiting to be sent (or retried) was picked up by a timer; it becomes a job now.
INSERT INTO "Job" ("id", "name", "payload", "status", "runAt", "attempts", "maxAttempts", "createdAt")
SELECT 'mail-' || "id", 'mail.send', jsonb_build_object('mailId', "id"), 'queued', now() AT TIME ZONE 'UTC', 0, 5 - "attempts", now() AT TIME ZONE 'UTC'
FROM "MailMessage" WHERE "status" IN ('queued', 'failed', 'sending') AND "attempts" < 5;
