-- AlterTable (an ADD COLUMN rather than the diff's table rebuild: same result, nothing copied)
ALTER TABLE "City" ADD COLUMN "moderatorsMayPromote" BOOLEAN NOT NULL DEFAULT false;
