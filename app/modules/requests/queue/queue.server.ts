import { parseWithSchema } from '~/lib/schema-parse';
import { db } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';
import { neighborhoodOptions } from '~/modules/places/queries.server';
import { isOpen } from '../lifecycle';
import { QueueFilterSchema, type QueueFilter, type QueueSort } from './queue-options';
export type { QueueFilter } from './queue-options';
import { PRIORITIES_BY_URGENCY as PRIORITIES, OPEN_STATUSES, type RequestStatus } from '../values';

/**
 * The staff queue: service requests of the departments the reader handles, filtered by GET
 * parameters, sorted, keyset-paginated (never OFFSET: `after` is the last request shown, its sort
 * keys are re-read). The CSV export walks the same filter page by page.
 */
const QUEUE_PAGE = 50;

/** The filter from a URL's query string, read with Conform like any form (null: a malformed parameter). */
export function queueFilterFromUrl(url: URL): QueueFilter | null {
  const parsed = parseWithSchema(url.searchParams, QueueFilterSchema);
  return parsed.status === 'success' ? parsed.value : null;
}

/** The query string of a filter (without the cursor unless given), for links and the CSV export. */
export function queueQuery(filter: QueueFilter, after?: string | null): string {
  const p = new URLSearchParams();
  for (const key of ['department', 'type', 'priority', 'neighborhood', 'source', 'assignee'] as const)
    if (filter[key]) p.set(key, filter[key]!);
  for (const s of filter.status) p.append('status', s);
  if (filter.overdue) p.set('overdue', '1');
  if (filter.sort !== 'newest') p.set('sort', filter.sort);
  if (after) p.set('after', after);
  return p.toString();
}

type Where = NonNullable<NonNullable<Parameters<ReturnType<typeof db>['serviceRequest']['findMany']>[0]>['where']>;

/** The filter as a where clause without the statuses, and the statuses it allows (none: no rows). */
function baseWhere(filter: QueueFilter, scope: 'all' | string[], userId: string, now: Date): { where: Where; statuses: RequestStatus[] } {
  const and: Where[] = [];
  if (scope !== 'all') and.push({ departmentId: { in: scope } });
  if (filter.department) and.push({ departmentId: filter.department });
  if (filter.type) and.push({ typeId: filter.type });
  if (filter.priority) and.push({ priority: filter.priority });
  if (filter.neighborhood) and.push({ neighborhoodId: filter.neighborhood });
  if (filter.source) and.push({ source: filter.source });
  if (filter.assignee === 'unassigned') and.push({ assigneeId: null });
  else if (filter.assignee === 'me') and.push({ assigneeId: userId });
  else if (filter.assignee) and.push({ assigneeId: filter.assignee });
  // No status chosen: the open requests (the work still to do). Overdue: the open ones among them.
  let statuses: RequestStatus[] = filter.status.length ? [...new Set(filter.status)] : [...OPEN_STATUSES];
  if (filter.overdue) {
    and.push({ dueAt: { lt: now } });
    statuses = statuses.filter(isOpen);
  }
  return { where: { AND: and }, statuses };
}

/** What the page shows: its loader data is serialized into the HTML, so nothing more. */
const pageSelect = {
  id: true,
  publicCode: true,
  status: true,
  priority: true,
  createdAt: true,
  dueAt: true,
  type: { select: { name: true } },
  neighborhood: { select: { name: true } },
  assignee: { select: { displayName: true } },
} as const;

/** What the CSV export writes. */
const exportSelect = {
  ...pageSelect,
  source: true,
  address: true,
  acknowledgedAt: true,
  resolvedAt: true,
  closedAt: true,
  type: { select: { code: true, name: true } },
  department: { select: { name: true } },
} as const;

type Cursor = { id: string; createdAt: Date; dueAt: Date; priority: string };

/**
 * The orders a page is read in: the sort keys, the keyset condition after a cursor, the same order
 * in JS. The condition starts with a plain bound on the sort column (`createdAt <= cursor`) so the
 * database seeks to the cursor in the index; with only `a < x OR (a = x AND id < y)` SQLite walked
 * from the first row again on every page (the CSV export of 20,000 rows took seconds).
 */
const byKey = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const ORDERS = {
  newest: {
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    after: (c: Cursor): Where => ({ createdAt: { lte: c.createdAt }, OR: [{ createdAt: { lt: c.createdAt } }, { id: { lt: c.id } }] }),
    compare: (a: Cursor, b: Cursor) => byKey(b.createdAt.getTime(), a.createdAt.getTime()) || byKey(b.id, a.id),
  },
  oldest: {
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    after: (c: Cursor): Where => ({ createdAt: { gte: c.createdAt }, OR: [{ createdAt: { gt: c.createdAt } }, { id: { gt: c.id } }] }),
    compare: (a: Cursor, b: Cursor) => byKey(a.createdAt.getTime(), b.createdAt.getTime()) || byKey(a.id, b.id),
  },
  due: {
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    after: (c: Cursor): Where => ({ dueAt: { gte: c.dueAt }, OR: [{ dueAt: { gt: c.dueAt } }, { id: { gt: c.id } }] }),
    compare: (a: Cursor, b: Cursor) => byKey(a.dueAt.getTime(), b.dueAt.getTime()) || byKey(a.id, b.id),
  },
} as const;
const keySelect = { id: true, createdAt: true, dueAt: true, priority: true } as const;

/**
 * The first `take` requests of one order, as sort keys. One query per status, merged here: with
 * `status IN (…)` SQLite (and PostgreSQL before 17) must fetch and sort every match, the whole
 * open backlog for the default view, whereas `status = ?` walks an index
 * ([status, createdAt], [status, dueAt], [departmentId, status, dueAt]…) already in order and
 * stops after `take` rows.
 */
async function firstKeys(where: Where, statuses: RequestStatus[], order: (typeof ORDERS)[keyof typeof ORDERS], extra: Where, take: number) {
  const lists = await Promise.all(
    statuses.map((status) =>
      db().serviceRequest.findMany({
        where: { AND: [where, { status }, extra] },
        select: keySelect,
        orderBy: order.orderBy as never,
        take,
      }),
    ),
  );
  return lists.flat().sort(order.compare).slice(0, take);
}

/** The sort keys of the next `take` requests after `cursor`, in the filter's order. */
async function pageKeys({ where, statuses }: ReturnType<typeof baseWhere>, sort: QueueSort, cursor: Cursor | null, take: number) {
  if (sort !== 'priority') return firstKeys(where, statuses, ORDERS[sort], cursor ? ORDERS[sort].after(cursor) : {}, take);
  // Priority: urgent first, then by due date. Priorities are words, so each level is its own
  // keyset query (four at most), starting at the cursor's level.
  const keys: Cursor[] = [];
  const start = cursor ? Math.max(0, PRIORITIES.indexOf(cursor.priority as (typeof PRIORITIES)[number])) : 0;
  for (let level = start; level < PRIORITIES.length && keys.length < take; level++) {
    const after = cursor && level === start ? ORDERS.due.after(cursor) : {};
    keys.push(...(await firstKeys(where, statuses, ORDERS.due, { AND: [{ priority: PRIORITIES[level] }, after] }, take - keys.length)));
  }
  return keys;
}

/** The rows of `keys` in one query, in the keys' order. */
async function rowsOf<T extends { id: string }>(keys: Cursor[], load: (ids: string[]) => Promise<T[]>) {
  if (!keys.length) return [];
  const byId = new Map((await load(keys.map((k) => k.id))).map((r) => [r.id, r]));
  return keys.flatMap((k) => byId.get(k.id) ?? []);
}

/** One page of the queue and the cursor of the next (null: last page). */
export async function listQueue(filter: QueueFilter, scope: 'all' | string[], userId: string, now = new Date()) {
  const where = baseWhere(filter, scope, userId, now);
  const cursor = filter.after
    ? await db().serviceRequest.findUnique({
        where: { id: filter.after },
        select: { id: true, createdAt: true, dueAt: true, priority: true },
      })
    : null;
  const keys = await pageKeys(where, filter.sort, cursor, QUEUE_PAGE + 1);
  const page = keys.slice(0, QUEUE_PAGE);
  const rows = await rowsOf(page, (ids) => db().serviceRequest.findMany({ where: { id: { in: ids } }, select: pageSelect }));
  return {
    rows: rows.map((r) => ({
      ...r,
      status: r.status as RequestStatus,
      type: { name: r.type.name as LocalizedText },
      neighborhood: r.neighborhood ? (r.neighborhood.name as LocalizedText) : null,
    })),
    next: keys.length > QUEUE_PAGE ? page[page.length - 1].id : null,
  };
}

/** How many requests a filter shows across its pages (the saved filters' tabs, home's counts). */
export async function countQueue(filter: QueueFilter, scope: 'all' | string[], userId: string, now = new Date()) {
  const { where, statuses } = baseWhere(filter, scope, userId, now);
  return db().serviceRequest.count({ where: { AND: [where, { status: { in: statuses } }] } });
}

/** Every request of the filter, in order, 500 at a time (the CSV export). */
export async function* exportQueue(filter: QueueFilter, scope: 'all' | string[], userId: string, now = new Date()) {
  const where = baseWhere(filter, scope, userId, now);
  let cursor: Cursor | null = null;
  for (;;) {
    const keys = await pageKeys(where, filter.sort, cursor, 500);
    const rows = await rowsOf(keys, (ids) => db().serviceRequest.findMany({ where: { id: { in: ids } }, select: exportSelect }));
    for (const r of rows) {
      yield {
        ...r,
        status: r.status as RequestStatus,
        type: { code: r.type.code, name: r.type.name as LocalizedText },
        department: r.department.name as LocalizedText,
        neighborhood: r.neighborhood ? (r.neighborhood.name as LocalizedText) : null,
      };
    }
    if (keys.length < 500) return;
    cursor = keys[keys.length - 1];
  }
}

/** The filter form's choices, limited to what the reader handles. */
export async function queueOptions(scope: 'all' | string[]) {
  const deptWhere = scope === 'all' ? {} : { id: { in: scope } };
  const [departments, types, neighborhoods] = await Promise.all([
    db().department.findMany({ where: deptWhere, select: { id: true, name: true, slug: true }, orderBy: { slug: 'asc' } }),
    db().requestType.findMany({
      where: scope === 'all' ? {} : { departmentId: { in: scope } },
      select: { id: true, code: true, name: true },
      orderBy: { code: 'asc' },
    }),
    neighborhoodOptions(),
  ]);
  return {
    departments: departments.map((d) => ({ id: d.id, name: d.name as LocalizedText })),
    types: types.map((t) => ({ id: t.id, name: t.name as LocalizedText })),
    neighborhoods,
  };
}
