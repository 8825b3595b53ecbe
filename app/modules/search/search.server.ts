import { Prisma } from '~/generated/sqlite/client';
import { db } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import type { Caller } from '~/lib/caller.server';
import { ok, type Result } from '~/lib/result';
import { publicPostsSql } from '~/modules/channels/policy';
import { listChannels } from '~/modules/channels/queries.server';
import { MAX_PAGES, SEARCH_PAGE } from './schemas';
import { ftsQuery, MARK_CLOSE, MARK_OPEN, searchTerms, tsQuery } from './terms';

/**
 * Full-text search over the posts a reader may see (docs/decisions/0008-search.md).
 * SQLite: the FTS5 index search_posts (external content search_documents); PostgreSQL:
 * "Post".search_vector with the unaccent configuration townsquare_search. Both are kept current by
 * triggers written in the 0004_search migrations. Everything the reader typed is a bound parameter,
 * reduced to quoted words first (./terms.ts).
 *
 * Visibility: published, not hidden, not deleted posts in threads that are neither hidden nor
 * deleted, in channels this reader may read — the list comes from listChannels, which applies
 * canRead (public channels; private ones for members and moderators/staff).
 */
export type SearchHit = {
  postId: string;
  threadId: string;
  title: string;
  /** The thread title with match markers (opening posts), or null. */
  titleMarked: string | null;
  snippet: string;
  createdAt: string;
  channelId: string;
  author: { displayName: string; status: string };
};

type Row = {
  postId: string;
  threadId: string;
  channelId: string;
  title: string;
  titleMarked: string | null;
  snippet: string | null;
  createdAt: Date | string | number;
  displayName: string;
  authorStatus: string;
};

export async function searchPosts(caller: Caller, input: { q: string; channel?: string; page: number }): Promise<Result<SearchResults>> {
  const readable = await listChannels(caller.user);
  const channels = input.channel ? readable.filter((c) => c.slug === input.channel) : readable;
  const terms = searchTerms(input.q);
  const page = Math.min(Math.max(1, Math.trunc(input.page)), MAX_PAGES);
  if (!terms.length || !channels.length) return ok({ hits: [] as SearchHit[], hasNext: false, page, channels: readable });

  const ids = Prisma.join(channels.map((c) => c.id));
  const limit = SEARCH_PAGE + 1;
  const offset = (page - 1) * SEARCH_PAGE;
  const rows = getEnv().engine === 'sqlite' ? await sqliteSearch(ftsQuery(terms), ids, limit, offset) : await postgresSearch(tsQuery(terms), ids, limit, offset);

  const more = rows.length > SEARCH_PAGE;
  const hits: SearchHit[] = rows.slice(0, SEARCH_PAGE).map((r) => ({
    postId: r.postId,
    threadId: r.threadId,
    title: r.title,
    titleMarked: r.titleMarked && r.titleMarked.includes(MARK_OPEN) ? r.titleMarked : null,
    snippet: r.snippet ?? '',
    createdAt: toDate(r.createdAt).toISOString(),
    channelId: r.channelId,
    author: { displayName: r.displayName, status: r.authorStatus },
  }));
  return ok({ hits, hasNext: more && page < MAX_PAGES, page, channels: readable });
}

type SearchResults = { hits: SearchHit[]; hasNext: boolean; page: number; channels: Awaited<ReturnType<typeof listChannels>> };

/** Raw DateTime values: a Date (PostgreSQL), ISO text or epoch milliseconds (SQLite). */
function toDate(value: Date | string | number): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || /^\d+$/.test(value)) return new Date(Number(value));
  return new Date(value);
}

/** Only what everyone may see (the forum's one rule, channels/policy.ts). */
const visible = Prisma.raw(publicPostsSql('p', 't'));

function sqliteSearch(match: string, channelIds: Prisma.Sql, limit: number, offset: number) {
  // bm25: lower is better; the title (only indexed on opening posts) weighs more than the body.
  return db().$queryRaw<Row[]>`
    SELECT p."id" AS "postId", p."threadId" AS "threadId", t."channelId" AS "channelId", t."title" AS "title",
           highlight(search_posts, 0, ${MARK_OPEN}, ${MARK_CLOSE}) AS "titleMarked",
           snippet(search_posts, 1, ${MARK_OPEN}, ${MARK_CLOSE}, '…', 24) AS "snippet",
           p."createdAt" AS "createdAt", u."displayName" AS "displayName", u."status" AS "authorStatus"
    FROM search_posts
    JOIN search_documents d ON d."id" = search_posts.rowid
    JOIN "Post" p ON p."id" = d."post_id"
    JOIN "Thread" t ON t."id" = p."threadId"
    JOIN "User" u ON u."id" = p."authorId"
    WHERE search_posts MATCH ${match}
      AND ${visible}
      AND t."channelId" IN (${channelIds})
    ORDER BY bm25(search_posts, 4.0, 1.0), p."createdAt" DESC, p."id" DESC
    LIMIT ${limit} OFFSET ${offset}`;
}

/** ts_headline options: the markers are ours, never the reader's. */
const HEADLINE_TITLE = `StartSel="${MARK_OPEN}", StopSel="${MARK_CLOSE}", HighlightAll=true`;
const HEADLINE_BODY = `StartSel="${MARK_OPEN}", StopSel="${MARK_CLOSE}", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

function postgresSearch(query: string, channelIds: Prisma.Sql, limit: number, offset: number) {
  // The page of hits is chosen first (index scan + rank), headlines are made for those rows only.
  return db().$queryRaw<Row[]>`
    WITH q AS (SELECT to_tsquery('townsquare_search', ${query}) AS query),
    hits AS (
      SELECT p."id", ts_rank(p."search_vector", q.query) AS rank, p."createdAt"
      FROM q, "Post" p
      JOIN "Thread" t ON t."id" = p."threadId"
      WHERE p."search_vector" @@ q.query
        AND ${visible}
        AND t."channelId" IN (${channelIds})
      ORDER BY rank DESC, p."createdAt" DESC, p."id" DESC
      LIMIT ${limit} OFFSET ${offset}
    )
    SELECT p."id" AS "postId", p."threadId" AS "threadId", t."channelId" AS "channelId", t."title" AS "title",
           CASE WHEN p."isOpening" THEN ts_headline('townsquare_search', translate(t."title", ${MARK_OPEN + MARK_CLOSE}, ''), q.query, ${HEADLINE_TITLE}) END AS "titleMarked",
           ts_headline('townsquare_search', translate(p."text", ${MARK_OPEN + MARK_CLOSE}, ''), q.query, ${HEADLINE_BODY}) AS "snippet",
           p."createdAt" AS "createdAt", u."displayName" AS "displayName", u."status" AS "authorStatus"
    FROM hits
    CROSS JOIN q
    JOIN "Post" p ON p."id" = hits."id"
    JOIN "Thread" t ON t."id" = p."threadId"
    JOIN "User" u ON u."id" = p."authorId"
    ORDER BY hits.rank DESC, hits."createdAt" DESC, hits."id" DESC`;
}
