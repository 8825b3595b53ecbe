-- Each request type says what the public (Open311, public pages) sees of its requests: full,
-- summary or none (docs/decisions/0016-public-request-visibility.md). New and unknown types get
-- summary; the demo catalog's codes get the defaults of prisma/seed-request-types.ts, so an
-- existing demo database stops publishing complaints about neighbors at once.
-- Open311 filings keep their media_url and address_id (docs/decisions/0014-open311.md).

-- AlterTable
ALTER TABLE "RequestType" ADD COLUMN "publicVisibility" TEXT NOT NULL DEFAULT 'summary';

-- AlterTable
ALTER TABLE "ServiceRequest" ADD COLUMN "addressId" TEXT;
ALTER TABLE "ServiceRequest" ADD COLUMN "mediaUrl" TEXT;

-- Data: the demo catalog's defaults
UPDATE "RequestType" SET "publicVisibility" = 'full'
  WHERE "code" IN ('street-light-out', 'pothole', 'tree-trimming', 'sidewalk-damage', 'water-leak', 'damaged-sign', 'park-maintenance');
UPDATE "RequestType" SET "publicVisibility" = 'none'
  WHERE "code" IN ('noise', 'code-enforcement', 'trash-burning', 'lawn-parking', 'illegal-construction', 'other');
