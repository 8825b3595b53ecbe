-- Receipts (who voted), ballots and their choices are WITHOUT ROWID tables, stored in the order of
-- their random keys: no hidden rowid follows insertion (docs/decisions/0024-participatory-budgeting.md).
-- CreateTable
CREATE TABLE "BudgetProcess" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" JSONB NOT NULL,
    "description" JSONB NOT NULL,
    "currency" TEXT NOT NULL,
    "total" BIGINT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'city',
    "votingMethod" TEXT NOT NULL DEFAULT 'approval',
    "minChoices" INTEGER NOT NULL DEFAULT 1,
    "maxChoices" INTEGER,
    "rule" TEXT NOT NULL DEFAULT 'greedy',
    "phase" TEXT NOT NULL DEFAULT 'information',
    "channelId" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'app',
    "meta" JSONB,
    "closedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BudgetPhase" (
    "processId" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,

    PRIMARY KEY ("processId", "phase"),
    CONSTRAINT "BudgetPhase_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BudgetScope" (
    "processId" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "amount" BIGINT,

    PRIMARY KEY ("processId", "neighborhoodId"),
    CONSTRAINT "BudgetScope_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BudgetScope_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BudgetCategory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "processId" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "BudgetCategory_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "processId" TEXT NOT NULL,
    "authorId" TEXT,
    "title" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "text" TEXT NOT NULL,
    "cost" BIGINT NOT NULL,
    "neighborhoodId" TEXT,
    "categoryId" TEXT,
    "address" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "threadId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'published',
    "feasibility" TEXT NOT NULL DEFAULT 'pending',
    "feasibilityNote" JSONB,
    "mergedIntoId" TEXT,
    "supportCount" INTEGER NOT NULL DEFAULT 0,
    "progress" TEXT,
    "externalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Proposal_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Proposal_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Proposal_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Proposal_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "BudgetCategory" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalSupport" (
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("proposalId", "userId"),
    CONSTRAINT "ProposalSupport_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProposalSupport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "authorId" TEXT,
    "progress" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProposalUpdate_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProposalUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BallotReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "processId" TEXT NOT NULL,
    "userId" TEXT,
    "source" TEXT NOT NULL,
    "recordedById" TEXT,
    "neighborhoodId" TEXT,
    "votedOn" TEXT NOT NULL,
    "sealed" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "BallotReceipt_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BallotReceipt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "processId" TEXT NOT NULL,
    "neighborhoodId" TEXT,
    "source" TEXT NOT NULL,
    CONSTRAINT "Ballot_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "BallotChoice" (
    "ballotId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,

    PRIMARY KEY ("ballotId", "proposalId"),
    CONSTRAINT "BallotChoice_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "Ballot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BallotChoice_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "Residency" (
    "userId" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "verifiedById" TEXT,
    "verifiedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "neighborhoodId"),
    CONSTRAINT "Residency_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Residency_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CensusAddress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "normalized" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CensusAddress_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResidencyCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "printedAt" DATETIME,
    "usedAt" DATETIME,
    CONSTRAINT "ResidencyCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ResidencyCode_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fiscalYear" INTEGER NOT NULL,
    "fund" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BudgetTopic" (
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,

    PRIMARY KEY ("kind", "name")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_City" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "defaultLocale" TEXT NOT NULL,
    "fiscalYearStartMonth" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "moderatorsMayPromote" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_City" ("defaultLocale", "fiscalYearStartMonth", "id", "moderatorsMayPromote", "name", "timeZone", "updatedAt") SELECT "defaultLocale", "fiscalYearStartMonth", "id", "moderatorsMayPromote", "name", "timeZone", "updatedAt" FROM "City";
DROP TABLE "City";
ALTER TABLE "new_City" RENAME TO "City";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "BudgetProcess_slug_key" ON "BudgetProcess"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetProcess_channelId_key" ON "BudgetProcess"("channelId");

-- CreateIndex
CREATE INDEX "BudgetCategory_processId_position_idx" ON "BudgetCategory"("processId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_threadId_key" ON "Proposal"("threadId");

-- CreateIndex
CREATE INDEX "Proposal_processId_status_feasibility_idx" ON "Proposal"("processId", "status", "feasibility");

-- CreateIndex
CREATE INDEX "Proposal_authorId_idx" ON "Proposal"("authorId");

-- CreateIndex
CREATE INDEX "ProposalSupport_userId_idx" ON "ProposalSupport"("userId");

-- CreateIndex
CREATE INDEX "ProposalUpdate_proposalId_createdAt_idx" ON "ProposalUpdate"("proposalId", "createdAt");

-- CreateIndex
CREATE INDEX "BallotReceipt_processId_source_idx" ON "BallotReceipt"("processId", "source");

-- CreateIndex
CREATE UNIQUE INDEX "BallotReceipt_processId_userId_key" ON "BallotReceipt"("processId", "userId");

-- CreateIndex
CREATE INDEX "Ballot_processId_idx" ON "Ballot"("processId");

-- CreateIndex
CREATE INDEX "BallotChoice_proposalId_idx" ON "BallotChoice"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "CensusAddress_normalized_key" ON "CensusAddress"("normalized");

-- CreateIndex
CREATE UNIQUE INDEX "ResidencyCode_codeHash_key" ON "ResidencyCode"("codeHash");

-- CreateIndex
CREATE INDEX "ResidencyCode_userId_idx" ON "ResidencyCode"("userId");

-- CreateIndex
CREATE INDEX "BudgetLine_fiscalYear_department_idx" ON "BudgetLine"("fiscalYear", "department");

-- CreateIndex
CREATE INDEX "BudgetLine_fiscalYear_category_idx" ON "BudgetLine"("fiscalYear", "category");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetTopic_threadId_key" ON "BudgetTopic"("threadId");

