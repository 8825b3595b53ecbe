/**
 * Keyset pagination by row id (no OFFSET scans): a list asks for one row more than a page
 * (`keysetArgs`), and `keysetPage` cuts the rows to the page and gives the id to continue after
 * (null on the last page).
 */
export function keysetArgs(size: number, after?: string | null) {
  return { take: size + 1, ...(after ? { cursor: { id: after }, skip: 1 } : {}) };
}

export function keysetPage<T extends { id: string | number }>(rows: T[], size: number): { page: T[]; nextAfter: T['id'] | null } {
  const more = rows.length > size;
  const page = more ? rows.slice(0, size) : rows;
  return { page, nextAfter: more ? page[page.length - 1].id : null };
}
