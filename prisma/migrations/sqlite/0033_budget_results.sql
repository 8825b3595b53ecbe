-- AlterTable
ALTER TABLE "BudgetProcess" ADD COLUMN "countedAt" DATETIME;

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN "fundedRank" INTEGER;
ALTER TABLE "Proposal" ADD COLUMN "votes" INTEGER;

