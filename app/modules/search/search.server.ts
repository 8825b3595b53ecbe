import { Prisma } from '~/generated/sqlite/client';
import { db } from '~/lib/db.server';
import type { Caller } from '~/lib/caller.server';
import { dialect } from '~/lib/dialect/index.server';
import { ok, type Result } from '~/lib/result';
import { publicPostsSql } from '~/modules/channels/policy';
import { readableChannels } from '~/modules/channels/queries.server';
import { MAX_PAGES, SEARCH_PAGE } from './schemas';
import { MARK_CLOSE, MARK_OPEN, searchTerms } from './terms';

/**
 * Full-text search over the posts a reader may see (docs/decisions/0008-search.md).
 * Each engine's index and query (SQLite's FTS5, PostgreSQL's tsvector) is in its dialect
 * (app/lib/dialect/). Everything the reader typed is a bound parameter, reduced to quoted words
 * first (./terms.ts).
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
  author: { id: string; displayName: string; status: string };
};

export async function searchPosts(caller: Caller, input: { q: string; channel?: string; page: number }): Promise<Result<SearchResults>> {
  const readable = await readableChannels(caller.user);
  const channels = input.channel ? readable.filter((c) => c.slug === input.channel) : readable;
  const terms = searchTerms(input.q);
  const page = Math.min(Math.max(1, Math.trunc(input.page)), MAX_PAGES);
  if (!terms.length || !channels.length) return ok({ hits: [] as SearchHit[], hasNext: false, page, channels: readable });

  const rows = await dialect().searchPosts(db(), {
    terms,
    visible,
    channelIds: channels.map((c) => c.id),
    limit: SEARCH_PAGE + 1,
    offset: (page - 1) * SEARCH_PAGE,
    marks: { open: MARK_OPEN, close: MARK_CLOSE },
  });

  const more = rows.length > SEARCH_PAGE;
  const hits: SearchHit[] = rows.slice(0, SEARCH_PAGE).map((r) => ({
    postId: r.postId,
    threadId: r.threadId,
    title: r.title,
    titleMarked: r.titleMarked && r.titleMarked.includes(MARK_OPEN) ? r.titleMarked : null,
    snippet: r.snippet ?? '',
    createdAt: dialect().toDate(r.createdAt).toISOString(),
    channelId: r.channelId,
    author: { id: r.authorId, displayName: r.displayName, status: r.authorStatus },
  }));
  return ok({ hits, hasNext: more && page < MAX_PAGES, page, channels: readable });
}

type SearchResults = { hits: SearchHit[]; hasNext: boolean; page: number; channels: Awaited<ReturnType<typeof readableChannels>> };

/** Only what everyone may see (the forum's one rule, channels/policy.ts). */
const visible = Prisma.raw(publicPostsSql('p', 't'));
