import { getEnv } from '../env.server';
import type { Dialect } from './dialect';
import { postgres } from './postgres.server';
import { sqlite } from './sqlite.server';

export type { Column, ColumnType, Dialect, Engine, SearchQuery, SearchRow } from './dialect';

/** The dialect of a database URL: `file:` is SQLite, anything else PostgreSQL. */
export function dialectOf(url: string): Dialect {
  return url.startsWith('file:') ? sqlite : postgres;
}

/** The dialect of this process's database (DATABASE_URL): chosen here, and only here. */
export function dialect(): Dialect {
  return dialectOf(getEnv().DATABASE_URL);
}
