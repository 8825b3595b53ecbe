-- AlterTable
ALTER TABLE "City" ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'USD';

-- CreateTable
CREATE TABLE "BudgetProcess" (
    "id" TEXT NOT NULL,
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
    "closedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetProcess_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetPhase" (
    "processId" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BudgetPhase_pkey" PRIMARY KEY ("processId","phase")
);

-- CreateTable
CREATE TABLE "BudgetScope" (
    "processId" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "amount" BIGINT,

    CONSTRAINT "BudgetScope_pkey" PRIMARY KEY ("processId","neighborhoodId")
);

-- CreateTable
CREATE TABLE "BudgetCategory" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "name" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BudgetCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "authorId" TEXT,
    "title" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "text" TEXT NOT NULL,
    "cost" BIGINT NOT NULL,
    "neighborhoodId" TEXT,
    "categoryId" TEXT,
    "address" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "threadId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'published',
    "feasibility" TEXT NOT NULL DEFAULT 'pending',
    "feasibilityNote" JSONB,
    "mergedIntoId" TEXT,
    "supportCount" INTEGER NOT NULL DEFAULT 0,
    "progress" TEXT,
    "externalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalSupport" (
    "proposalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalSupport_pkey" PRIMARY KEY ("proposalId","userId")
);

-- CreateTable
CREATE TABLE "ProposalUpdate" (
    "id" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "authorId" TEXT,
    "progress" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BallotReceipt" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "userId" TEXT,
    "source" TEXT NOT NULL,
    "recordedById" TEXT,
    "neighborhoodId" TEXT,
    "votedOn" TEXT NOT NULL,
    "sealed" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "BallotReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "neighborhoodId" TEXT,
    "source" TEXT NOT NULL,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BallotChoice" (
    "ballotId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,

    CONSTRAINT "BallotChoice_pkey" PRIMARY KEY ("ballotId","proposalId")
);

-- CreateTable
CREATE TABLE "Residency" (
    "userId" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "verifiedById" TEXT,
    "verifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Residency_pkey" PRIMARY KEY ("userId","neighborhoodId")
);

-- CreateTable
CREATE TABLE "CensusAddress" (
    "id" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CensusAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResidencyCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "neighborhoodId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "printedAt" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "ResidencyCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" TEXT NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "fund" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetTopic" (
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,

    CONSTRAINT "BudgetTopic_pkey" PRIMARY KEY ("kind","name")
);

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

-- AddForeignKey
ALTER TABLE "BudgetPhase" ADD CONSTRAINT "BudgetPhase_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetScope" ADD CONSTRAINT "BudgetScope_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetScope" ADD CONSTRAINT "BudgetScope_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetCategory" ADD CONSTRAINT "BudgetCategory_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "BudgetCategory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalSupport" ADD CONSTRAINT "ProposalSupport_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalSupport" ADD CONSTRAINT "ProposalSupport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalUpdate" ADD CONSTRAINT "ProposalUpdate_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalUpdate" ADD CONSTRAINT "ProposalUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotReceipt" ADD CONSTRAINT "BallotReceipt_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotReceipt" ADD CONSTRAINT "BallotReceipt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BudgetProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotChoice" ADD CONSTRAINT "BallotChoice_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "Ballot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotChoice" ADD CONSTRAINT "BallotChoice_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Residency" ADD CONSTRAINT "Residency_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Residency" ADD CONSTRAINT "Residency_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CensusAddress" ADD CONSTRAINT "CensusAddress_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidencyCode" ADD CONSTRAINT "ResidencyCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidencyCode" ADD CONSTRAINT "ResidencyCode_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood"("id") ON DELETE CASCADE ON UPDATE CASCADE;

