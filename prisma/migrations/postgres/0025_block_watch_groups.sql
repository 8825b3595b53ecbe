-- AlterTable
-- The description was one text: it becomes the city's default language's (shown with the
-- fallback note in the other).
ALTER TABLE "BlockWatchGroup" ADD COLUMN     "channelId" TEXT,
ADD COLUMN     "streets" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "descriptionByLanguage" JSONB;
UPDATE "BlockWatchGroup"
SET "descriptionByLanguage" = jsonb_build_object(COALESCE((SELECT "defaultLocale" FROM "City" LIMIT 1), 'en'), "description")
WHERE "description" IS NOT NULL;
ALTER TABLE "BlockWatchGroup" DROP COLUMN "description";
ALTER TABLE "BlockWatchGroup" RENAME COLUMN "descriptionByLanguage" TO "description";

-- CreateTable
CREATE TABLE "GroupMembership" (
    "id" TEXT NOT NULL,
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
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupInvite" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "GroupInvite_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE UNIQUE INDEX "BlockWatchGroup_channelId_key" ON "BlockWatchGroup"("channelId");

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "BlockWatchGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupInvite" ADD CONSTRAINT "GroupInvite_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "BlockWatchGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupInvite" ADD CONSTRAINT "GroupInvite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Each group's board: a members-only channel of kind group. Its captains are its first members.
INSERT INTO "Channel" ("id", "slug", "kind", "name", "visibility", "holdFirstPosts", "neighborhoodId", "createdAt")
SELECT 'grp' || "id", 'group-' || "slug", 'group', jsonb_build_object('en', "name", 'es', "name"), 'members', false, "neighborhoodId", CURRENT_TIMESTAMP
FROM "BlockWatchGroup";
UPDATE "BlockWatchGroup" SET "channelId" = 'grp' || "id";
INSERT INTO "GroupMembership" ("id", "groupId", "userId", "status", "role", "via", "sharedName")
SELECT DISTINCT ON (g."id", r."userId") 'c' || substr(md5(random()::text || r."id"), 1, 24), g."id", r."userId", 'active', 'member', 'staff', u."displayName"
FROM "RoleGrant" r JOIN "BlockWatchGroup" g ON g."id" = r."scopeId" JOIN "User" u ON u."id" = r."userId"
WHERE r."role" = 'captain' AND r."scopeKind" = 'group' AND u."status" = 'active';
INSERT INTO "ChannelMember" ("channelId", "userId", "createdAt")
SELECT g."channelId", m."userId", CURRENT_TIMESTAMP FROM "GroupMembership" m JOIN "BlockWatchGroup" g ON g."id" = m."groupId"
ON CONFLICT DO NOTHING;
