import { db } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';
import type { Role, ScopeKind } from './values';
import { groupName } from '~/modules/places/queries.server';
import { canRead } from '~/modules/channels/policy';
import type { SessionUser } from './session.server';

/**
 * Reads about people and their roles, shaped for the roles page and the staff directory.
 * Each list is one query; names of scopes are joined in memory (no query per row).
 */
type ScopeNames = Record<ScopeKind, Map<string, LocalizedText>>;

async function scopeNames(ids: Record<ScopeKind, string[]>): Promise<ScopeNames> {
  const [channels, groups, departments] = await Promise.all([
    ids.channel.length ? db().channel.findMany({ where: { id: { in: ids.channel } }, select: { id: true, name: true } }) : [],
    ids.group.length ? db().blockWatchGroup.findMany({ where: { id: { in: ids.group } }, select: { id: true, name: true } }) : [],
    ids.department.length ? db().department.findMany({ where: { id: { in: ids.department } }, select: { id: true, name: true } }) : [],
  ]);
  return {
    channel: new Map(channels.map((c) => [c.id, c.name as LocalizedText])),
    group: new Map(groups.map((g) => [g.id, groupName(g.name)])),
    department: new Map(departments.map((d) => [d.id, d.name as LocalizedText])),
  };
}

function idsByKind(grants: { scopeKind: string | null; scopeId: string | null }[]): Record<ScopeKind, string[]> {
  const ids: Record<ScopeKind, Set<string>> = { channel: new Set(), group: new Set(), department: new Set() };
  for (const g of grants) if (g.scopeKind && g.scopeId && g.scopeKind in ids) ids[g.scopeKind as ScopeKind].add(g.scopeId);
  return { channel: [...ids.channel], group: [...ids.group], department: [...ids.department] };
}

/** Every role grant with its holder, its scope's name and who granted it (the roles page). */
export async function listRoleGrants() {
  const grants = await db().roleGrant.findMany({
    select: {
      id: true,
      role: true,
      scopeKind: true,
      scopeId: true,
      createdAt: true,
      user: { select: { id: true, displayName: true, email: true } },
      grantedBy: { select: { displayName: true } },
    },
    orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
  });
  const names = await scopeNames(idsByKind(grants));
  return grants.map((g) => ({
    ...g,
    role: g.role as Role,
    scopeName: g.scopeKind && g.scopeId ? (names[g.scopeKind as ScopeKind]?.get(g.scopeId) ?? null) : null,
  }));
}

type Person = { displayName: string; email: string | null };

/**
 * The staff directory: departments with their contact address and liaisons, moderators per
 * channel, captains per block-watch group, and city-wide staff and admins. Five queries in all.
 * Channels are listed only if the viewer may read them (a members-only channel's name is not
 * for non-members: the same canRead as the forum's pages).
 */
export async function staffDirectory(viewer: SessionUser) {
  const [grants, departments, channels, groups, memberships] = await Promise.all([
    db().roleGrant.findMany({
      where: { user: { status: 'active' } },
      select: { role: true, scopeKind: true, scopeId: true, user: { select: { id: true, displayName: true, email: true } } },
      orderBy: { user: { displayName: 'asc' } },
    }),
    db().department.findMany({ select: { id: true, slug: true, name: true, email: true }, orderBy: { slug: 'asc' } }),
    db().channel.findMany({ select: { id: true, slug: true, name: true, visibility: true }, orderBy: { slug: 'asc' } }),
    db().blockWatchGroup.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: 'asc' } }),
    db().channelMember.findMany({ where: { userId: viewer.id }, select: { channelId: true } }),
  ]);
  const memberOf = new Set(memberships.map((m) => m.channelId));
  const scoped = new Map<string, Person[]>();
  const cityWide: Record<'admin' | 'staff', (Person & { id: string })[]> = { admin: [], staff: [] };
  for (const g of grants) {
    const person = { displayName: g.user.displayName, email: g.user.email };
    if (g.scopeKind && g.scopeId) {
      const key = `${g.role}:${g.scopeKind}:${g.scopeId}`;
      const list = scoped.get(key) ?? [];
      list.push(person);
      scoped.set(key, list);
    } else if (g.role === 'admin' || g.role === 'staff') {
      if (!cityWide[g.role].some((p) => p.id === g.user.id)) cityWide[g.role].push({ id: g.user.id, ...person });
    }
  }
  const people = (role: Role, kind: ScopeKind, id: string) => scoped.get(`${role}:${kind}:${id}`) ?? [];
  return {
    departments: departments.map((d) => ({
      id: d.id,
      name: d.name as LocalizedText,
      email: d.email,
      liaisons: people('liaison', 'department', d.id),
    })),
    channels: channels
      .filter((c) => canRead(viewer, c, memberOf.has(c.id)))
      .map((c) => ({ id: c.id, name: c.name as LocalizedText, moderators: people('moderator', 'channel', c.id) })),
    groups: groups.map((g) => ({ id: g.id, name: g.name, captains: people('captain', 'group', g.id) })),
    staff: cityWide.staff.map(({ id: _id, ...p }) => p),
    admins: cityWide.admin.map(({ id: _id, ...p }) => p),
  };
}
