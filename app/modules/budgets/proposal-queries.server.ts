import { db, inChunks } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { parseWithSchema } from '~/lib/schema-parse';
import type { LocalizedText } from '~/lib/i18n';
import type { RichTextDoc } from '~/modules/content/richtext';
import { HIDDEN_OPENING, PUBLIC_THREAD } from '~/modules/channels/policy';
import { photosOf } from '~/modules/requests/intake/photo-uploads.server';
import { ProposalFilterSchema } from './schemas';
import type { ProposalSort } from './values';

/**
 * Reading proposals for the process and proposal pages. A proposal shows while it is published
 * and moderation has not hidden its discussion or that discussion's opening post (the proposal's
 * text: the forum's moderation is the proposal's).
 */

export type ProposalFilter = { category?: string; neighborhood?: string; sort: ProposalSort | 'title' };

const ORDER: Record<ProposalSort | 'title', object[]> = {
  supports: [{ supportCount: 'desc' }, { createdAt: 'asc' }],
  newest: [{ createdAt: 'desc' }],
  cost: [{ cost: 'asc' }, { createdAt: 'asc' }],
  title: [{ title: 'asc' }, { id: 'asc' }],
};

/** Of these threads, the ones moderation has not hidden or deleted, nor their opening post. */
async function visibleThreads(ids: string[]): Promise<Set<string>> {
  const rows = await inChunks(ids, (part) =>
    db().thread.findMany({
      where: { id: { in: part }, ...PUBLIC_THREAD, posts: { none: HIDDEN_OPENING } },
      select: { id: true, replyCount: true },
    }),
  );
  return new Set(rows.map((r) => r.id));
}

/** A process's shown proposals, filtered and sorted, with the fields its list shows. */
export async function listProposals(processId: string, filter: ProposalFilter, onlyFeasible = false) {
  const rows = await db().proposal.findMany({
    where: {
      processId,
      status: 'published',
      ...(onlyFeasible ? { feasibility: 'feasible' } : {}),
      ...(filter.category ? { categoryId: filter.category } : {}),
      ...(filter.neighborhood ? { neighborhoodId: filter.neighborhood } : {}),
    },
    select: {
      id: true,
      title: true,
      cost: true,
      supportCount: true,
      feasibility: true,
      threadId: true,
      createdAt: true,
      neighborhoodId: true,
      neighborhood: { select: { name: true } },
      category: { select: { name: true } },
    },
    orderBy: ORDER[filter.sort] as never,
    take: 1000,
  });
  const shown = await visibleThreads(rows.flatMap((r) => (r.threadId ? [r.threadId] : [])));
  return rows
    .filter((r) => !r.threadId || shown.has(r.threadId))
    .map((r) => ({
      id: r.id,
      title: r.title,
      cost: r.cost.toString(),
      supportCount: r.supportCount,
      feasibility: r.feasibility,
      neighborhoodId: r.neighborhoodId,
      neighborhood: (r.neighborhood?.name as LocalizedText | undefined) ?? null,
      category: (r.category?.name as LocalizedText | undefined) ?? null,
    }));
}

/** One proposal of a process with what its page shows, and whether `userId` supports it; null when not shown. */
export async function proposalPage(processId: string, id: string, userId: string | null) {
  if (id.length > 40) return null;
  const row = await db().proposal.findFirst({
    where: { id, processId },
    select: {
      id: true,
      processId: true,
      authorId: true,
      title: true,
      body: true,
      text: true,
      cost: true,
      status: true,
      feasibility: true,
      feasibilityNote: true,
      supportCount: true,
      address: true,
      threadId: true,
      mergedIntoId: true,
      votes: true,
      fundedRank: true,
      progress: true,
      updates: { select: { id: true, progress: true, body: true, createdAt: true }, orderBy: { createdAt: 'desc' }, take: 50 },
      neighborhoodId: true,
      categoryId: true,
      createdAt: true,
      author: { select: { id: true, displayName: true, status: true } },
      neighborhood: { select: { name: true } },
      category: { select: { name: true } },
    },
  });
  if (!row) return null;
  const [thread, supported, mergedInto, photos] = await Promise.all([
    row.threadId
      ? db().thread.findUnique({
          where: { id: row.threadId },
          select: { hiddenAt: true, deletedAt: true, replyCount: true, posts: { where: HIDDEN_OPENING, select: { id: true } } },
        })
      : null,
    userId
      ? db().proposalSupport.findUnique({ where: { proposalId_userId: { proposalId: row.id, userId } }, select: { userId: true } })
      : null,
    row.mergedIntoId ? db().proposal.findUnique({ where: { id: row.mergedIntoId }, select: { id: true, title: true } }) : null,
    photosOf({ kind: 'proposal', id: row.id }),
  ]);
  if (thread && (thread.hiddenAt || thread.deletedAt || thread.posts.length)) return null;
  return {
    ...row,
    body: row.body as RichTextDoc,
    cost: row.cost.toString(),
    createdAt: row.createdAt.toISOString(),
    feasibilityNote: (row.feasibilityNote as LocalizedText | null) ?? null,
    neighborhood: (row.neighborhood?.name as LocalizedText | undefined) ?? null,
    category: (row.category?.name as LocalizedText | undefined) ?? null,
    updates: row.updates.map((u) => ({
      id: u.id,
      progress: u.progress,
      body: u.body as LocalizedText,
      createdAt: u.createdAt.toISOString(),
    })),
    replyCount: thread?.replyCount ?? 0,
    supported: !!supported,
    mergedInto,
    photos,
  };
}
export type ProposalPage = NonNullable<Awaited<ReturnType<typeof proposalPage>>>;

/**
 * Whether a proposal of this process is shown (it exists and moderation has not hidden its
 * discussion: proposalPage's rule), for its photos' route, which needs nothing else of it.
 */
export async function proposalShown(processId: string, id: string): Promise<boolean> {
  if (id.length > 40) return false;
  const row = await db().proposal.findFirst({ where: { id, processId }, select: { threadId: true } });
  if (!row) return false;
  return !row.threadId || (await visibleThreads([row.threadId])).has(row.threadId);
}

/**
 * The proposal filter from a process page's query string, read like a form: a category or
 * neighborhood this process does not offer comes back as the form's reply (400), values as given.
 */
export function proposalFilterFromUrl(url: URL, choices: { categories: { id: string }[]; neighborhoods: { id: string }[] }) {
  const values: Record<string, string> = {};
  for (const key of ['category', 'neighborhood', 'sort'] as const) {
    const v = url.searchParams.get(key)?.trim();
    if (v) values[key] = v;
  }
  const submission = parseWithSchema(url.searchParams, ProposalFilterSchema);
  if (submission.status !== 'success') return { ok: false as const, reply: submission.reply(), values };
  const { category, neighborhood, sort } = submission.value;
  const errors: Record<string, string[]> = {};
  if (category && !choices.categories.some((c) => c.id === category)) errors.category = [msg('forms:choose')];
  if (neighborhood && !choices.neighborhoods.some((n) => n.id === neighborhood)) errors.neighborhood = [msg('forms:choose')];
  if (Object.keys(errors).length) return { ok: false as const, reply: submission.reply({ fieldErrors: errors }), values };
  return { ok: true as const, filter: { category, neighborhood, sort } satisfies ProposalFilter, values };
}
