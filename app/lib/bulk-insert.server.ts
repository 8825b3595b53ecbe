import { randomBytes } from 'node:crypto';
import type { Tx } from './db.server';
import { dialect, type Column } from './dialect/index.server';

/**
 * Inserting rows in one statement, inside a transaction() like any write. Prisma's createMany
 * builds and serializes its query row by row in JavaScript (about 2 ms a row on a busy machine),
 * and even one Prisma create costs about three times the raw SQL it sends; so bulk imports, and
 * the inserts every answer or event pays (surveys, the realtime outbox), go through here (each
 * engine's way is in ./dialect/). Values are stored the way Prisma stores them, so Prisma reads
 * them back unchanged. Prisma's @default and @updatedAt do not apply here: give every column a
 * value. A unique violation is still recognized by db.server.ts isUniqueViolation.
 */
export type { Column } from './dialect/index.server';

/** A new primary key for rows inserted here (Prisma's cuid() does not run for raw inserts). */
export function newRowId(): string {
  return `c${randomBytes(12).toString('hex')}`;
}

/** Returns the `returning` columns of the new rows, as raw values (dialect().toDate for times), in no particular order. */
export function bulkInsert(
  tx: Tx,
  table: string,
  columns: readonly Column[],
  rows: readonly unknown[][],
  returning?: readonly string[],
): Promise<Record<string, unknown>[]> {
  return dialect().bulkInsert(tx, table, columns, rows, returning);
}
