import type { SignedInCaller } from '~/lib/caller.server';
import { db, isUniqueViolation, transaction } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import { handledDepartments } from '../policy';
import { SAVED_FILTERS_MAX } from './saved-filter-schemas';
import { countQueue, queueFilterFromUrl, queueQuery } from './queue.server';

/**
 * A staff member's saved queue filters: their own only (every query is by their user id), kept
 * as the queue's normalized query string so a saved filter and the same filter typed in again
 * are one and the same tab.
 */
const SCOPE = 'requests';

/** A query string in the queue's one spelling (no page cursor), or null when it is not a queue filter. */
function normalizedQuery(query: string): string | null {
  const filter = queueFilterFromUrl(new URL(`http://queue/?${query.replace(/^\?/, '')}`));
  return filter ? queueQuery(filter) : null;
}

/** Their saved filters, oldest first, each with how many requests it shows now. */
export async function savedQueueFilters(caller: SignedInCaller, now = new Date()) {
  const scope = handledDepartments(caller.user);
  if (!scope) return [];
  const rows = await db().savedFilter.findMany({
    where: { userId: caller.user.id, scope: SCOPE },
    select: { id: true, name: true, query: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: SAVED_FILTERS_MAX,
  });
  // At most SAVED_FILTERS_MAX counts, in parallel.
  return Promise.all(
    rows.map(async (r) => {
      const filter = queueFilterFromUrl(new URL(`http://queue/?${r.query}`));
      return { ...r, count: filter ? await countQueue(filter, scope, caller.user.id, now) : 0 };
    }),
  );
}

/** Saves a filter under a name of theirs; refused past the limit or for a name they already use. */
export async function saveQueueFilter(caller: SignedInCaller, input: { name: string; query?: string }): Promise<Result<{ query: string }>> {
  if (!handledDepartments(caller.user)) return fail.forbidden();
  const query = normalizedQuery(input.query ?? '');
  if (query === null) return fail.invalid({ '': msg('requests:savedFilters.errors.query') });
  const userId = caller.user.id;
  const nameTaken = fail.invalid({ name: msg('requests:savedFilters.errors.nameTaken') });
  try {
    return await transaction(async (tx) => {
      const mine = await tx.savedFilter.findMany({ where: { userId, scope: SCOPE }, select: { name: true } });
      if (mine.some((f) => f.name === input.name)) return nameTaken;
      if (mine.length >= SAVED_FILTERS_MAX)
        return fail.invalid({ name: msg('requests:savedFilters.errors.limit', { count: SAVED_FILTERS_MAX }) });
      await tx.savedFilter.create({ data: { userId, scope: SCOPE, name: input.name, query }, select: { id: true } });
      return ok({ query });
    });
  } catch (error) {
    // Two saves of one name at once: the unique index decides.
    if (isUniqueViolation(error)) return nameTaken;
    throw error;
  }
}

/** Deletes one of their saved filters; someone else's is not found. */
export async function deleteQueueFilter(caller: SignedInCaller, id: string): Promise<Result> {
  if (!handledDepartments(caller.user)) return fail.forbidden();
  return transaction(async (tx) => {
    const { count } = await tx.savedFilter.deleteMany({ where: { id, userId: caller.user.id, scope: SCOPE } });
    return count === 1 ? ok() : fail.notFound();
  });
}

/** The account's saved filters, for its data export. */
export async function savedFiltersOf(userId: string) {
  return db().savedFilter.findMany({
    where: { userId },
    select: { scope: true, name: true, query: true, createdAt: true },
    orderBy: { createdAt: 'asc' },
  });
}
