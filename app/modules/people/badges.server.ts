import { db } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';
import type { RoleBadge } from './badges';

/** The grants that make a badge; `groupLeader` (kept in step with captains) is left out. */
const CITY_STAFF = ['admin', 'staff'];

type Grant = { userId: string; role: string; scopeKind: string | null; scopeId: string | null };

async function departmentNames(grants: Grant[]): Promise<Map<string, LocalizedText>> {
  const ids = [...new Set(grants.filter((g) => g.role === 'liaison' && g.scopeId).map((g) => g.scopeId!))];
  if (!ids.length) return new Map();
  const rows = await db().department.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((d) => [d.id, d.name as LocalizedText]));
}

/** Staff and department badges first (one each), in a stable order. */
function cityBadges(grants: Grant[], departments: Map<string, LocalizedText>): RoleBadge[] {
  const badges: RoleBadge[] = [];
  if (grants.some((g) => CITY_STAFF.includes(g.role) && g.scopeKind === null)) badges.push({ kind: 'staff' });
  for (const g of grants) {
    const name = g.role === 'liaison' && g.scopeId ? departments.get(g.scopeId) : undefined;
    if (name) badges.push({ kind: 'department', name });
  }
  return badges;
}

/**
 * The badges of a page's authors where they wrote (a channel): one query for all their grants
 * whatever the number of posts, plus one for department names when a liaison is among them and
 * one for the group when the channel is a group's board.
 */
export async function authorBadges(authorIds: string[], channel: { id: string; kind: string }): Promise<Record<string, RoleBadge[]>> {
  const ids = [...new Set(authorIds)];
  if (!ids.length) return {};
  const [grants, group] = await Promise.all([
    db().roleGrant.findMany({
      where: {
        userId: { in: ids },
        OR: [
          { role: { in: CITY_STAFF }, scopeKind: null },
          { role: 'liaison', scopeKind: 'department' },
          { role: 'moderator', scopeKind: 'channel', scopeId: channel.id },
          ...(channel.kind === 'group' ? [{ role: 'captain', scopeKind: 'group' }] : []),
        ],
      },
      select: { userId: true, role: true, scopeKind: true, scopeId: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
    channel.kind === 'group' ? db().blockWatchGroup.findUnique({ where: { channelId: channel.id }, select: { id: true } }) : null,
  ]);
  const departments = await departmentNames(grants);
  const out: Record<string, RoleBadge[]> = {};
  for (const id of ids) {
    const mine = grants.filter((g) => g.userId === id);
    const badges = cityBadges(mine, departments);
    if (mine.some((g) => g.role === 'moderator')) badges.push({ kind: 'moderator' });
    if (group && mine.some((g) => g.role === 'captain' && g.scopeId === group.id)) badges.push({ kind: 'captain' });
    if (badges.length) out[id] = badges;
  }
  return out;
}

/**
 * A person's badges for their profile, each with its place: moderator of which public channel,
 * captain of which group (groups and their captains are public; members-only channels are not named).
 */
export async function profileBadges(userId: string): Promise<RoleBadge[]> {
  const grants = await db().roleGrant.findMany({
    where: { userId, role: { in: [...CITY_STAFF, 'liaison', 'moderator', 'captain'] } },
    select: { userId: true, role: true, scopeKind: true, scopeId: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const scoped = (role: string) => grants.filter((g) => g.role === role && g.scopeId).map((g) => g.scopeId!);
  const [departments, channels, groups] = await Promise.all([
    departmentNames(grants),
    db().channel.findMany({
      where: { id: { in: scoped('moderator') }, visibility: 'public' },
      select: { name: true },
      orderBy: { slug: 'asc' },
    }),
    db().blockWatchGroup.findMany({
      where: { id: { in: scoped('captain') } },
      select: { name: true, slug: true },
      orderBy: { name: 'asc' },
    }),
  ]);
  return [
    ...cityBadges(grants, departments),
    ...channels.map((c): RoleBadge => ({ kind: 'moderator', place: c.name as LocalizedText })),
    ...groups.map((g): RoleBadge => ({ kind: 'captain', place: g.name, slug: g.slug })),
  ];
}
