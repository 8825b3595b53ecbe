import { db } from '~/lib/db.server';

/**
 * What an audit entry (or any row naming a `targetKind` + `targetId`) is about, in words: the
 * request's code, the thread's title, the person's name, with a link to its page. One query per
 * kind for a whole page of entries (never one per row). Names kept per language (`{ en, es }`)
 * are returned as such and worded in the reader's language by the page.
 */
export type TargetName = {
  /** A plain name, or a locale-keyed one. */
  name: string | Record<string, string>;
  href: string | null;
  /** For people: their account's status (closed accounts are not linked, see AuthorName). */
  status?: string;
};
export type TargetRef = { targetKind: string; targetId: string | null };

/** The key a resolved target is found under. */
export function targetKey(kind: string, id: string) {
  return `${kind}:${id}`;
}

type Loader = (ids: string[]) => Promise<Array<[string, TargetName]>>;

const loaders: Record<string, Loader> = {
  // There is one city (its entries carry its id, 1, or none).
  city: async (ids) => {
    const city = await db().city.findUnique({ where: { id: 1 }, select: { name: true } });
    return city ? ids.map((id) => [id, { name: city.name, href: '/admin/city' }]) : [];
  },
  user: async (ids) =>
    (await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true, status: true } })).map((u) => [
      u.id,
      { name: u.displayName, href: `/people/${u.id}`, status: u.status },
    ]),
  'service-request': async (ids) =>
    (await db().serviceRequest.findMany({ where: { id: { in: ids } }, select: { id: true, publicCode: true } })).map((r) => [
      r.id,
      { name: r.publicCode, href: `/requests/${r.publicCode}` },
    ]),
  thread: async (ids) =>
    (await db().thread.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } })).map((th) => [
      th.id,
      { name: th.title, href: `/threads/${th.id}` },
    ]),
  post: async (ids) =>
    (
      await db().post.findMany({ where: { id: { in: ids } }, select: { id: true, threadId: true, thread: { select: { title: true } } } })
    ).map((p) => [p.id, { name: p.thread.title, href: `/threads/${p.threadId}#post-${p.id}` }]),
  channel: async (ids) =>
    (await db().channel.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, name: true } })).map((c) => [
      c.id,
      { name: c.name as Record<string, string>, href: `/channels/${c.slug}` },
    ]),
  group: async (ids) =>
    (await db().blockWatchGroup.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, name: true } })).map((g) => [
      g.id,
      { name: g.name, href: `/groups/${g.slug}` },
    ]),
  neighborhood: async (ids) =>
    (await db().neighborhood.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((n) => [
      n.id,
      { name: n.name as Record<string, string>, href: `/admin/neighborhoods/${n.id}` },
    ]),
  department: async (ids) =>
    (await db().department.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((d) => [
      d.id,
      { name: d.name as Record<string, string>, href: `/admin/departments/${d.id}` },
    ]),
  'request-type': async (ids) =>
    (await db().requestType.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((r) => [
      r.id,
      { name: r.name as Record<string, string>, href: `/admin/request-types/${r.id}` },
    ]),
  survey: async (ids) =>
    (await db().survey.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } })).map((s) => [
      s.id,
      { name: s.title as Record<string, string>, href: `/staff/surveys/${s.id}` },
    ]),
  budget: async (ids) =>
    (await db().budgetProcess.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, title: true } })).map((b) => [
      b.id,
      { name: b.title as Record<string, string>, href: `/staff/budgets/${b.slug}` },
    ]),
  proposal: async (ids) =>
    (
      await db().proposal.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, process: { select: { slug: true } } } })
    ).map((p) => [p.id, { name: p.title, href: `/budgets/${p.process.slug}/proposals/${p.id}` }]),
  'api-key': async (ids) =>
    (await db().apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((k) => [
      k.id,
      { name: k.name, href: '/admin/api-keys' },
    ]),
  'site-page': async (ids) => ids.map((key) => [key, { name: key, href: `/admin/pages/${encodeURIComponent(key)}` }]),
};
// Older entries name requests with the short kind.
loaders.request = loaders['service-request'];

/** The resolved name of one row's target, if it has one. */
export function targetOf(names: Record<string, TargetName>, ref: TargetRef): TargetName | null {
  return names[targetKey(ref.targetKind, ref.targetId ?? '')] ?? null;
}

/** Names and links of every target the rows refer to, keyed by `targetKey`; unknown or deleted ones are left out. */
export async function resolveTargets(rows: TargetRef[]): Promise<Record<string, TargetName>> {
  const ids = new Map<string, Set<string>>();
  for (const { targetKind, targetId } of rows) {
    if ((!targetId && targetKind !== 'city') || !loaders[targetKind]) continue;
    const set = ids.get(targetKind) ?? new Set<string>();
    set.add(targetId ?? '');
    ids.set(targetKind, set);
  }
  const found = await Promise.all([...ids].map(async ([kind, set]) => [kind, await loaders[kind]([...set])] as const));
  const names: Record<string, TargetName> = {};
  for (const [kind, pairs] of found) for (const [id, name] of pairs) names[targetKey(kind, id)] = name;
  return names;
}
