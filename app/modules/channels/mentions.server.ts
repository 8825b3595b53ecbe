import { Prisma } from '~/generated/sqlite/client';
import { db, type Tx } from '~/lib/db.server';
import { dialect } from '~/lib/dialect/index.server';
import { MENTION_SUGGESTIONS } from '~/modules/content/mentions';
import { toPlainText } from '~/modules/content/plaintext';
import { mentionedUserIds, textNode, type RichTextDoc } from '~/modules/content/richtext';
import type { SessionUser } from '~/modules/identity/session.server';
import { publicPostsSql, type ChannelRef } from './policy';

/** Posts everyone may see (the one rule, policy.ts), for the raw query below. */
const publicPosts = Prisma.raw(publicPostsSql('p', 't'));

export type MentionSuggestion = { id: string; name: string };

/**
 * People a writer in `channel` may mention, for the editor's "@" suggestions: at most 8 whose
 * name (or a word of it) starts with `q`, ignoring case and accents (content/mentions.ts), never
 * the writer. Who is suggested mirrors who is notified (channelReaders in readers.server.ts):
 * accounts not banned or deleted, and in a members-only channel only its members and the active
 * accounts that may moderate it (admins, staff, its moderators).
 * People who have a visible post in the channel come first, then by name. Only ids and display
 * names leave this function (never e-mail addresses). The caller checks that the writer may
 * read the channel.
 *
 * The name match is engine-specific (SQLite has no accent folding): the dialect's
 * wordPrefixMatch (app/lib/dialect/).
 */
export async function suggestMentions(writer: Pick<SessionUser, 'id'>, channel: ChannelRef, q: string): Promise<MentionSuggestion[]> {
  const matches = dialect().wordPrefixMatch(Prisma.sql`u."displayName"`, q);
  const readers =
    channel.visibility === 'public'
      ? Prisma.empty
      : Prisma.sql`AND (
          EXISTS (SELECT 1 FROM "ChannelMember" m WHERE m."channelId" = ${channel.id} AND m."userId" = u."id")
          OR (u."status" = 'active' AND EXISTS (
            SELECT 1 FROM "RoleGrant" g WHERE g."userId" = u."id" AND g."role" IN ('admin', 'staff', 'moderator')
              AND (g."scopeKind" IS NULL OR (g."scopeKind" = 'channel' AND g."scopeId" = ${channel.id}))
          ))
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
          AND ${publicPosts}
      ) DESC,
      lower(u."displayName"), u."id"
    LIMIT ${MENTION_SUGGESTIONS}`;
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

type Named = { id: string; displayName: string };
type AnyNode = { type?: unknown; userId?: unknown; name?: unknown; children?: unknown };

/** Calls `visit` on every mention node of a (stored or display) document, without recursion. */
function eachMention(root: unknown, visit: (node: AnyNode, siblings: unknown[], index: number) => void) {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop() as AnyNode | null;
    if (!node || typeof node !== 'object' || !Array.isArray(node.children)) continue;
    node.children.forEach((child: unknown, i: number, siblings: unknown[]) => {
      const c = child as AnyNode | null;
      if (c && typeof c === 'object' && c.type === 'mention') visit(c, siblings, i);
      else stack.push(child);
    });
  }
}

async function currentNames(client: Pick<Tx, 'user'>, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows: Named[] = await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/**
 * A post's document as it is stored: each mention's name is the mentioned account's current
 * display name (never what the client sent, which could name someone else), and a mention of no
 * account becomes plain text. Returns the document and its plain-text copy (search, mail).
 */
export async function withCurrentNames(tx: Tx, doc: RichTextDoc): Promise<{ doc: RichTextDoc; text: string }> {
  const copy = structuredClone(doc);
  const names = await currentNames(tx, mentionedUserIds(copy));
  eachMention(copy.root, (node, siblings, i) => {
    const name = names.get(String(node.userId));
    if (name !== undefined) node.name = name;
    else siblings[i] = textNode(`@${String(node.name)}`);
  });
  return { doc: copy, text: toPlainText(copy) };
}

/**
 * Stored documents about to be shown, their mentions' names set to the accounts' current display
 * names (so a renamed person shows as they are called now); changes the documents in place, one
 * query for a whole page.
 */
export async function refreshMentionNames(docs: unknown[]): Promise<void> {
  const ids = new Set<string>();
  const roots = docs.map((d) => (d as { root?: unknown } | null)?.root).filter(Boolean);
  for (const root of roots) eachMention(root, (node) => ids.add(String(node.userId)));
  if (!ids.size) return;
  const people = await db().user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, displayName: true, status: true } });
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const root of roots) {
    eachMention(root, (node) => {
      const person = byId.get(String(node.userId));
      if (person) node.name = person.displayName;
      // Only active accounts have a profile to link to (rich-text links mentions by their userId).
      if (person?.status !== 'active') delete node.userId;
    });
  }
}
