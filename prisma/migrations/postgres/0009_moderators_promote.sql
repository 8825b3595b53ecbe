-- AlterTable
ALTER TABLE "City" ADD COLUMN     "moderatorsMayPromote" BOOLEAN NOT NULL DEFAULT false;

