-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BlockWatchGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" JSONB,
    "neighborhoodId" TEXT,
    "streets" JSONB NOT NULL DEFAULT '[]',
    "channelId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BlockWatchGroup_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_BlockWatchGroup" ("channelId", "createdAt", "description", "id", "name", "neighborhoodId", "slug", "streets", "updatedAt") SELECT "channelId", "createdAt", "description", "id", "name", "neighborhoodId", "slug", "streets", "updatedAt" FROM "BlockWatchGroup";
DROP TABLE "BlockWatchGroup";
ALTER TABLE "new_BlockWatchGroup" RENAME TO "BlockWatchGroup";
CREATE UNIQUE INDEX "BlockWatchGroup_slug_key" ON "BlockWatchGroup"("slug");
CREATE UNIQUE INDEX "BlockWatchGroup_channelId_key" ON "BlockWatchGroup"("channelId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

