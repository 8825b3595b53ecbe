import { randomBytes } from 'node:crypto';
import type { Tx } from './db.server';
import { getEnv } from './env.server';

/**
 * Inserting thousands of rows in one statement, inside a transaction() like any write. Prisma's
 * createMany builds and serializes its query row by row in JavaScript (about 2 ms a row on a busy
 * machine); bulk imports need one statement per batch instead: PostgreSQL gets one array
 * parameter per column (`INSERT … SELECT * FROM unnest($1::text[], …)`), SQLite a multi-row
 * VALUES list. Values are stored the way Prisma stores them, so Prisma reads them back unchanged:
 * SQLite keeps times as ISO text with "+00:00", booleans as 1/0 and JSON as text.
 * Prisma's @default and @updatedAt do not apply here: give every column a value.
 */
export type ColumnType = 'text' | 'int' | 'float' | 'bool' | 'timestamp' | 'json';
export type Column = readonly [name: string, type: ColumnType];

const PG_TYPES: Record<ColumnType, string> = { text: 'text', int: 'int4', float: 'float8', bool: 'bool', timestamp: 'timestamp(3)', json: 'jsonb' };
/** SQLite allows 32,766 parameters in a statement. */
const SQLITE_MAX_PARAMS = 32_000;

/** A new primary key for rows inserted here (Prisma's cuid() does not run for raw inserts). */
export function newRowId(): string {
  return `c${randomBytes(12).toString('hex')}`;
}

function value(type: ColumnType, v: unknown, engine: 'sqlite' | 'postgres'): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'timestamp') {
    const iso = (v as Date).toISOString();
    // PostgreSQL: a UTC wall time for `timestamp(3)` (no zone); SQLite: Prisma's text form.
    return engine === 'postgres' ? iso.slice(0, -1) : iso.replace('Z', '+00:00');
  }
  if (type === 'json') return JSON.stringify(v);
  if (type === 'bool' && engine === 'sqlite') return v ? 1 : 0;
  return v;
}

export async function bulkInsert(tx: Tx, table: string, columns: readonly Column[], rows: readonly unknown[][]): Promise<void> {
  if (!rows.length) return;
  const engine = getEnv().engine;
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  if (engine === 'postgres') {
    const arrays = columns.map(([, type], c) => rows.map((row) => value(type, row[c], engine)));
    const unnest = columns.map(([, type], c) => `$${c + 1}::${PG_TYPES[type]}[]`).join(', ');
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${unnest})`, ...arrays);
    return;
  }
  const perStatement = Math.max(1, Math.floor(SQLITE_MAX_PARAMS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let at = 0; at < rows.length; at += perStatement) {
    const chunk = rows.slice(at, at + perStatement);
    const params = chunk.flatMap((row) => columns.map(([, type], c) => value(type, row[c], engine)));
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) VALUES ${chunk.map(() => tuple).join(', ')}`, ...params);
  }
}
