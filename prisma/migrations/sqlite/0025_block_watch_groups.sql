-- CreateTable
CREATE TABLE "GroupMembership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "via" TEXT NOT NULL DEFAULT 'request',
    "sharedName" TEXT,
    "sharedStreet" TEXT,
    "sharedPhone" TEXT,
    "sharedEmail" TEXT,
    "alertByMail" BOOLEAN NOT NULL DEFAULT true,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "BlockWatchGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupMembership_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "GroupInvite_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "BlockWatchGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupInvite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

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
    "channelId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BlockWatchGroup_neighborhoodId_fkey" FOREIGN KEY ("neighborhoodId") REFERENCES "Neighborhood" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- The description was one text: it becomes the city's default language's (shown with the
-- fallback note in the other).
INSERT INTO "new_BlockWatchGroup" ("createdAt", "description", "id", "name", "neighborhoodId", "slug")
SELECT "createdAt",
       CASE WHEN "description" IS NULL THEN NULL
            ELSE json_object(COALESCE((SELECT "defaultLocale" FROM "City" LIMIT 1), 'en'), "description") END,
       "id", "name", "neighborhoodId", "slug"
FROM "BlockWatchGroup";
DROP TABLE "BlockWatchGroup";
ALTER TABLE "new_BlockWatchGroup" RENAME TO "BlockWatchGroup";
CREATE UNIQUE INDEX "BlockWatchGroup_slug_key" ON "BlockWatchGroup"("slug");
CREATE UNIQUE INDEX "BlockWatchGroup_channelId_key" ON "BlockWatchGroup"("channelId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "GroupMembership_userId_idx" ON "GroupMembership"("userId");

-- CreateIndex
CREATE INDEX "GroupMembership_groupId_status_idx" ON "GroupMembership"("groupId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "GroupMembership_groupId_userId_key" ON "GroupMembership"("groupId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "GroupInvite_tokenHash_key" ON "GroupInvite"("tokenHash");

-- CreateIndex
CREATE INDEX "GroupInvite_groupId_idx" ON "GroupInvite"("groupId");


-- Each group's board: a members-only channel of kind group. Its captains are its first members.
INSERT INTO "Channel" ("id", "slug", "kind", "name", "visibility", "holdFirstPosts", "neighborhoodId", "createdAt")
SELECT 'grp' || "id", 'group-' || "slug", 'group', json_object('en', "name", 'es', "name"), 'members', 0, "neighborhoodId", CURRENT_TIMESTAMP
FROM "BlockWatchGroup";
UPDATE "BlockWatchGroup" SET "channelId" = 'grp' || "id";
INSERT INTO "GroupMembership" ("id", "groupId", "userId", "status", "role", "via", "sharedName")
SELECT 'c' || lower(hex(randomblob(12))), g."id", r."userId", 'active', 'member', 'staff', u."displayName"
FROM "RoleGrant" r JOIN "BlockWatchGroup" g ON g."id" = r."scopeId" JOIN "User" u ON u."id" = r."userId"
WHERE r."role" = 'captain' AND r."scopeKind" = 'group' AND u."status" = 'active'
GROUP BY g."id", r."userId";
INSERT INTO "ChannelMember" ("channelId", "userId")
SELECT g."channelId", m."userId" FROM "GroupMembership" m JOIN "BlockWatchGroup" g ON g."id" = m."groupId";
