import type pg from 'pg';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Prisma } from '~/generated/sqlite/client';
import type { Db, Tx } from '../db.server';

/**
 * Everything that differs between the two database engines, behind one interface
 * (docs/decisions/0001-two-engines.md, 0020-engine-dialects.md). One implementation per engine:
 * ./sqlite.server.ts and ./postgres.server.ts; ./index.server.ts picks one from DATABASE_URL,
 * once per process. Code outside this folder never asks which engine it runs on.
 */
export type Engine = 'sqlite' | 'postgres';

/** The engine of a database URL: `file:` is SQLite, anything else PostgreSQL (decided here only). */
export function engineOf(url: string): Engine {
  return url.startsWith('file:') ? 'sqlite' : 'postgres';
}

export type ColumnType = 'text' | 'int' | 'float' | 'bool' | 'timestamp' | 'json';
export type Column = readonly [name: string, type: ColumnType];

/** What the search page asks of the full-text index (app/modules/search/search.server.ts). */
export type SearchQuery = {
  /** Words only (app/modules/search/terms.ts searchTerms): each becomes a quoted literal. */
  terms: string[];
  /** Which posts the reader may see: a condition over `p` ("Post") and `t` ("Thread"). */
  visible: Prisma.Sql;
  channelIds: string[];
  limit: number;
  offset: number;
  /** Match markers put around found words in titles and snippets. */
  marks: { open: string; close: string };
};

export type SearchRow = {
  postId: string;
  threadId: string;
  channelId: string;
  title: string;
  titleMarked: string | null;
  snippet: string | null;
  createdAt: Date | string | number;
  authorId: string;
  displayName: string;
  authorStatus: string;
};

export type RateLimiterOptions = { keyPrefix: string; points: number; duration: number };

export type MigrationFile = { name: string; sql: string; checksum: string };
export type MigrationResult = { applied: string[]; total: number };

export interface Dialect {
  readonly engine: Engine;
  /** The Prisma client for `url`, on this process's one connection (pool). */
  connect(url: string): Db;
  /**
   * The process's connection pool when processes can message each other through the database
   * (PostgreSQL's LISTEN/NOTIFY, for the socket.io adapter), else null (SQLite: one process).
   */
  messagingPool(): pg.Pool | null;
  /** Closes the process's connection (pool); the next connect() opens a new one. */
  close(): Promise<void>;
  /** Brings the query planner's statistics up to date where the engine leaves it to us (hourly job). */
  refreshStatistics(db: Db): Promise<void>;
  /** Applies the migration files in order, serialized between processes (lock), in transactions. */
  migrate(url: string, files: MigrationFile[], check: (applied: Map<string, string>) => void): Promise<string[]>;
  /** The files the database keeps on disk (for file modes); none for a server database. */
  files(url: string): string[];
  /** The page of posts matching `q.terms`, best first. */
  searchPosts(db: Db, q: SearchQuery): Promise<SearchRow[]>;
  /** A condition: some word of `column` starts with `q`, ignoring case and accents (mentions). */
  wordPrefixMatch(column: Prisma.Sql, q: string): Prisma.Sql;
  /**
   * Held until `tx` commits: no other transaction writes Event rows meanwhile, so event ids are
   * in commit order (docs/decisions/0006-realtime-outbox.md).
   */
  lockEvents(tx: Tx): Promise<void>;
  /**
   * Inserts many rows in few statements (Prisma's defaults do not apply: give every column).
   * Returns the `returning` columns of the new rows (raw values, in no particular order).
   */
  bulkInsert(
    tx: Tx,
    table: string,
    columns: readonly Column[],
    rows: readonly unknown[][],
    returning?: readonly string[],
  ): Promise<Record<string, unknown>[]>;
  /** A rate limiter whose counts all processes of this database share (or this one, alone). */
  rateLimiter(options: RateLimiterOptions): RateLimiterAbstract;
  /** A raw DateTime value (from $queryRaw) as a Date. */
  toDate(value: Date | string | number): Date;
}
