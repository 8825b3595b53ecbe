-- AlterTable
ALTER TABLE "City" ADD COLUMN     "logoId" TEXT;

