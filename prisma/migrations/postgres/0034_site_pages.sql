-- AlterTable
ALTER TABLE "City" ADD COLUMN     "contactAddress" TEXT,
ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "contactPhone" TEXT,
ADD COLUMN     "openingHours" JSONB;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "privacyVersion" INTEGER,
ADD COLUMN     "termsAcceptedAt" TIMESTAMP(3),
ADD COLUMN     "termsVersion" INTEGER;

-- CreateTable
CREATE TABLE "SitePage" (
    "key" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SitePage_pkey" PRIMARY KEY ("key")
);


-- AlterTable
ALTER TABLE "City" ADD COLUMN     "accentColor" TEXT;

