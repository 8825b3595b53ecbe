/**
 * A segment says what an answer set is about, so results can be read per segment. The request
 * follow-up's answers are about a request: its segment is `<departmentId>/<typeId>` (the request's
 * routing when it was answered), so its results read per department (the prefix) or per type.
 * Authored surveys have none (''). Ids are cuids: they never hold a '/'.
 */
export const NO_SEGMENT = '';

export function requestSegment(request: { departmentId: string; typeId: string }): string {
  return `${request.departmentId}/${request.typeId}`;
}

/** The department and type of a request segment (null for '' or anything else). */
export function parseRequestSegment(segment: string): { departmentId: string; typeId: string } | null {
  const at = segment.indexOf('/');
  if (at <= 0 || at === segment.length - 1) return null;
  return { departmentId: segment.slice(0, at), typeId: segment.slice(at + 1) };
}

/** A Prisma condition on `segment` selecting a department's answer sets, a type's, or both (undefined: all). */
export function segmentWhere(filter: { department?: string; type?: string }) {
  if (!filter.department && !filter.type) return undefined;
  return {
    ...(filter.department ? { startsWith: `${filter.department}/` } : {}),
    ...(filter.type ? { endsWith: `/${filter.type}` } : {}),
  };
}
