-- AlterTable
ALTER TABLE "City" ADD COLUMN "contactAddress" TEXT;
ALTER TABLE "City" ADD COLUMN "contactEmail" TEXT;
ALTER TABLE "City" ADD COLUMN "contactPhone" TEXT;
ALTER TABLE "City" ADD COLUMN "openingHours" JSONB;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "privacyVersion" INTEGER;
ALTER TABLE "User" ADD COLUMN "termsAcceptedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "termsVersion" INTEGER;

-- CreateTable
CREATE TABLE "SitePage" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "body" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL
);


-- AlterTable
ALTER TABLE "City" ADD COLUMN "accentColor" TEXT;

