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


-- Those who lead a group moderate its board (app/modules/blockwatch/group-rows.server.ts):
-- each active captain gets a groupLeader grant scoped to the group's channel.
INSERT INTO "RoleGrant" ("id", "userId", "role", "scopeKind", "scopeId")
SELECT 'c' || lower(hex(randomblob(12))), r."userId", 'groupLeader', 'channel', g."channelId"
FROM "RoleGrant" r JOIN "BlockWatchGroup" g ON g."id" = r."scopeId" JOIN "User" u ON u."id" = r."userId"
WHERE r."role" = 'captain' AND r."scopeKind" = 'group' AND u."status" = 'active'
  AND NOT EXISTS (SELECT 1 FROM "RoleGrant" m WHERE m."userId" = r."userId" AND m."role" = 'groupLeader'
                  AND m."scopeKind" = 'channel' AND m."scopeId" = g."channelId")
GROUP BY r."userId", g."channelId";
