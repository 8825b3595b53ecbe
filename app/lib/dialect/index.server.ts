import { getEnv } from '../env.server';
import { engineOf, type Dialect } from './dialect';
import { postgres } from './postgres.server';
import { sqlite } from './sqlite.server';

export type { Column, Dialect, Engine } from './dialect';

/** The dialect of a database URL (its engine from engineOf). */
export function dialectOf(url: string): Dialect {
  return engineOf(url) === 'sqlite' ? sqlite : postgres;
}

/** The dialect of this process's database (DATABASE_URL): chosen here, and only here. */
export function dialect(): Dialect {
  return dialectOf(getEnv().DATABASE_URL);
}
