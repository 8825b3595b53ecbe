import { Prisma } from '~/generated/sqlite/client';
import { db } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { globWordPrefix, likeEscape, MENTION_SUGGESTIONS, WORD_STARTS } from '~/modules/content/mentions';
import type { SessionUser } from '~/modules/identity/session.server';
import type { ChannelRef } from './policy';

export type MentionSuggestion = { id: string; name: string };

/**
 * People a writer in `channel` may mention, for the editor's "@" suggestions: at most 8 whose
 * name (or a word of it) starts with `q`, ignoring case and accents (content/mentions.ts), never
 * the writer. Who is suggested mirrors who notifyAbout() notifies: active or suspended accounts
 * (not banned, not deleted), and in a members-only channel only its members and admin/staff.
 * People who have a visible post in the channel come first, then by name. Only ids and display
 * names leave this function (never e-mail addresses). The caller checks that the writer may
 * read the channel.
 *
 * One raw query per engine, because the name match is engine-specific: SQLite has no accent
 * folding, so the query becomes a GLOB pattern with a class per letter; PostgreSQL compares
 * unaccent()ed, lower-cased text (the unaccent extension comes with the search migration).
 */
export async function suggestMentions(writer: Pick<SessionUser, 'id'>, channel: ChannelRef, q: string): Promise<MentionSuggestion[]> {
  const matches =
    getEnv().engine === 'sqlite'
      ? Prisma.sql`(' ' || u."displayName") GLOB ${globWordPrefix(q)}`
      : postgresMatch(q);
  const readers =
    channel.visibility === 'public'
      ? Prisma.empty
      : Prisma.sql`AND (
          EXISTS (SELECT 1 FROM "ChannelMember" m WHERE m."channelId" = ${channel.id} AND m."userId" = u."id")
          OR EXISTS (SELECT 1 FROM "RoleGrant" g WHERE g."userId" = u."id" AND g."role" IN ('admin', 'staff'))
        )`;
  const rows = await db().$queryRaw<MentionSuggestion[]>`
    SELECT u."id" AS "id", u."displayName" AS "name"
    FROM "User" u
    WHERE u."status" IN ('active', 'suspended') AND u."deletedAt" IS NULL AND u."id" <> ${writer.id}
      AND ${matches}
      ${readers}
    ORDER BY
      EXISTS (
        SELECT 1 FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId"
        WHERE p."authorId" = u."id" AND t."channelId" = ${channel.id}
          AND p."status" = 'published' AND p."hiddenAt" IS NULL AND p."deletedAt" IS NULL
          AND t."hiddenAt" IS NULL AND t."deletedAt" IS NULL
      ) DESC,
      lower(u."displayName"), u."id"
    LIMIT ${MENTION_SUGGESTIONS}`;
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

function postgresMatch(q: string) {
  const folded = Prisma.sql`lower(unaccent(${likeEscape(q.trim())}::text))`;
  const patterns = WORD_STARTS.map((start) => Prisma.sql`${`%${likeEscape(start)}`}::text || ${folded} || '%'`);
  return Prisma.sql`(' ' || lower(unaccent(u."displayName"))) LIKE ANY (ARRAY[${Prisma.join(patterns)}])`;
}
