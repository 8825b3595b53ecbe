-- AlterTable
ALTER TABLE "BudgetProcess" ADD COLUMN     "countedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "fundedRank" INTEGER,
ADD COLUMN     "votes" INTEGER;

