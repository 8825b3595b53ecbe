-- AlterTable
ALTER TABLE "BlockWatchGroup" ALTER COLUMN "channelId" SET NOT NULL;


-- Those who lead a group moderate its board (app/modules/blockwatch/group-rows.server.ts):
-- each active captain gets a groupLeader grant scoped to the group's channel.
INSERT INTO "RoleGrant" ("id", "userId", "role", "scopeKind", "scopeId")
SELECT DISTINCT ON (r."userId", g."channelId") 'c' || substr(md5(random()::text || r."id"), 1, 24), r."userId", 'groupLeader', 'channel', g."channelId"
FROM "RoleGrant" r JOIN "BlockWatchGroup" g ON g."id" = r."scopeId" JOIN "User" u ON u."id" = r."userId"
WHERE r."role" = 'captain' AND r."scopeKind" = 'group' AND u."status" = 'active'
  AND NOT EXISTS (SELECT 1 FROM "RoleGrant" m WHERE m."userId" = r."userId" AND m."role" = 'groupLeader'
                  AND m."scopeKind" = 'channel' AND m."scopeId" = g."channelId");
