import { db } from '~/lib/db.server';
import { foldText } from '~/lib/text';
import type { LocalizedText } from '~/lib/i18n';
import type { RequestPriority } from '../values';
import { parseFieldSet, type CatalogFilter, type RequestGroup } from './schemas';

/**
 * The catalog for the admin list. Department and status filter in the database; the text search
 * (code, or name in any language, accent-insensitive) runs over the rows read, since a city has
 * tens of types, not thousands, and names are per-locale JSON.
 */
export async function listRequestTypes(filter: CatalogFilter) {
  const rows = await db().requestType.findMany({
    where: {
      ...(filter.department ? { departmentId: filter.department } : {}),
      ...(filter.status === 'all' ? {} : { active: filter.status === 'active' }),
    },
    select: {
      id: true,
      code: true,
      name: true,
      group: true,
      active: true,
      targetHours: true,
      defaultPriority: true,
      currentVersion: true,
      department: { select: { id: true, name: true } },
    },
    orderBy: { code: 'asc' },
  });
  const q = filter.q ? foldText(filter.q) : null;
  return rows
    .map((r) => ({
      ...r,
      name: r.name as LocalizedText,
      group: r.group as RequestGroup,
      defaultPriority: r.defaultPriority as RequestPriority,
      department: { id: r.department.id, name: r.department.name as LocalizedText },
    }))
    .filter(
      (r) => !q || foldText(r.code).includes(q) || Object.values(r.name).some((n) => typeof n === 'string' && foldText(n).includes(q)),
    );
}

/** One type with its current fields and the list of its versions (newest first), or null. */
export async function getRequestType(id: string) {
  const type = await db().requestType.findUnique({
    where: { id },
    include: {
      department: { select: { id: true, name: true } },
      versions: {
        select: { version: true, createdAt: true, fields: true, createdBy: { select: { displayName: true } } },
        orderBy: { version: 'desc' },
      },
    },
  });
  if (!type) return null;
  const { versions, department, ...rest } = type;
  return {
    ...rest,
    name: rest.name as LocalizedText,
    description: rest.description as LocalizedText,
    resolutionDefinition: rest.resolutionDefinition as LocalizedText,
    group: rest.group as RequestGroup,
    defaultPriority: rest.defaultPriority as RequestPriority,
    department: { id: department.id, name: department.name as LocalizedText },
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      createdBy: v.createdBy?.displayName ?? null,
      fields: parseFieldSet(v.fields),
    })),
  };
}
