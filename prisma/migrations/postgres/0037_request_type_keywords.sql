-- AlterTable
ALTER TABLE "RequestType" ADD COLUMN     "keywords" JSONB;

