import { db } from '~/lib/db.server';
import { captainGrant } from './group-rows.server';
import type { MembershipState } from './policy';

/**
 * Reads of the block-watch pages: the public directory, one group's public face, and what its
 * leaders see (join requests). Only display names of captains are public; members are counted.
 */
const GROUP = {
  id: true,
  slug: true,
  name: true,
  description: true,
  streets: true,
  channelId: true,
  neighborhood: { select: { id: true, slug: true, name: true } },
} as const;

/** Display names of each group's captains (active accounts), by group id, in name order. */
async function captainsOf(groupIds: string[]): Promise<Map<string, string[]>> {
  const grants = await db().roleGrant.findMany({
    where: { role: 'captain', scopeKind: 'group', scopeId: { in: groupIds }, user: { status: 'active' } },
    select: { scopeId: true, user: { select: { displayName: true } } },
    orderBy: { user: { displayName: 'asc' } },
  });
  const out = new Map<string, string[]>();
  for (const g of grants) {
    const names = out.get(g.scopeId!) ?? [];
    if (!names.includes(g.user.displayName)) names.push(g.user.displayName);
    out.set(g.scopeId!, names);
  }
  return out;
}

async function memberCounts(groupIds: string[]): Promise<Map<string, number>> {
  const rows = await db().groupMembership.groupBy({
    by: ['groupId'],
    where: { groupId: { in: groupIds }, status: 'active' },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.groupId, r._count._all]));
}

const streetsOf = (value: unknown) => (Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : []);

type GroupRow = Awaited<ReturnType<typeof readGroups>>[number];
const readGroups = (where: { slug?: string }) => db().blockWatchGroup.findMany({ where, select: GROUP, orderBy: { name: 'asc' } });

/** The groups with their streets as a list, their captains and their member count (two queries for any number). */
async function withPeople(groups: GroupRow[]) {
  const ids = groups.map((g) => g.id);
  const [captains, counts] = await Promise.all([captainsOf(ids), memberCounts(ids)]);
  return groups.map((g) => ({
    ...g,
    streets: streetsOf(g.streets),
    captains: captains.get(g.id) ?? [],
    memberCount: counts.get(g.id) ?? 0,
  }));
}

/** Every group with its area, captains and member count (the directory, grouped by neighborhood on the page). */
export async function groupDirectory() {
  return withPeople(await readGroups({}));
}

/** One group by its slug, with its captains and member count; null when there is none. */
export async function groupBySlug(slug: string) {
  if (slug.length > 80) return null;
  const groups = await readGroups({ slug });
  return groups.length ? (await withPeople(groups))[0]! : null;
}
export type Group = NonNullable<Awaited<ReturnType<typeof groupBySlug>>>;

/** This person's membership of the group (any status), or null. */
export async function membershipOf(groupId: string, userId: string | undefined): Promise<(MembershipState & { id: string }) | null> {
  if (!userId) return null;
  return db().groupMembership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { id: true, status: true, role: true },
  });
}

/** Requests to join waiting for a decision, oldest first (leaders only). */
export async function pendingRequests(groupId: string) {
  return db().groupMembership.findMany({
    where: { groupId, status: 'pending' },
    select: { id: true, createdAt: true, user: { select: { displayName: true, neighborhood: { select: { name: true } } } } },
    orderBy: { createdAt: 'asc' },
    take: 200,
  });
}

/**
 * The active members, captains first, then co-captains, then by name: what each chose to share
 * (the member directory) and, for the group's leaders only, the display name and role to manage
 * them by. The route sends the leaders' part only to leaders.
 */
export async function activeMembers(groupId: string) {
  const [rows, captains] = await Promise.all([
    db().groupMembership.findMany({
      where: { groupId, status: 'active' },
      select: {
        id: true,
        userId: true,
        role: true,
        sharedName: true,
        sharedStreet: true,
        sharedPhone: true,
        sharedEmail: true,
        alertByMail: true,
        createdAt: true,
        user: { select: { displayName: true } },
      },
      take: 5000,
    }),
    db().roleGrant.findMany({ where: captainGrant(groupId), select: { userId: true } }),
  ]);
  const captainIds = new Set(captains.map((c) => c.userId));
  const rank = (m: (typeof rows)[number]) => (captainIds.has(m.userId) ? 0 : m.role === 'coCaptain' ? 1 : 2);
  return rows
    .map((m) => ({ ...m, captain: captainIds.has(m.userId) }))
    .sort((a, b) => rank(a) - rank(b) || a.user.displayName.localeCompare(b.user.displayName));
}

/** The group's invite links, newest first, with who made them (leaders only). */
export async function invitesOf(groupId: string) {
  return db().groupInvite.findMany({
    where: { groupId },
    select: { id: true, createdAt: true, revokedAt: true, createdBy: { select: { displayName: true } } },
    orderBy: { createdAt: 'desc' },
    take: 100,
  });
}

/** The address of the group's board (its channel's slug, which staff may change). */
export async function boardSlug(channelId: string): Promise<string | null> {
  return (await db().channel.findUnique({ where: { id: channelId }, select: { slug: true } }))?.slug ?? null;
}
