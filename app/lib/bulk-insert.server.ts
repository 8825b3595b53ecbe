import { randomBytes } from 'node:crypto';
import type { Tx } from './db.server';
import { dialect, type Column } from './dialect/index.server';

/**
 * Inserting thousands of rows in one statement, inside a transaction() like any write. Prisma's
 * createMany builds and serializes its query row by row in JavaScript (about 2 ms a row on a busy
 * machine); bulk imports need one statement per batch instead (each engine's way is in
 * ./dialect/). Values are stored the way Prisma stores them, so Prisma reads them back unchanged.
 * Prisma's @default and @updatedAt do not apply here: give every column a value.
 */
export type { Column } from './dialect/index.server';

/** A new primary key for rows inserted here (Prisma's cuid() does not run for raw inserts). */
export function newRowId(): string {
  return `c${randomBytes(12).toString('hex')}`;
}

export async function bulkInsert(tx: Tx, table: string, columns: readonly Column[], rows: readonly unknown[][]): Promise<void> {
  await dialect().bulkInsert(tx, table, columns, rows);
}
