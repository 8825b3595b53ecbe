import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { Prisma } from '~/generated/sqlite/client';
import { PrismaClient } from '~/generated/postgres/client';
import { likeEscape, WORD_STARTS } from '~/modules/content/mentions';
import { tsQuery } from '~/modules/search/terms';
import type { Db } from '../db.server';
import { getEnv } from '../env.server';
import { logger } from '../logger.server';
import type { Column, ColumnType, Dialect, SearchQuery, SearchRow } from './dialect';

/**
 * PostgreSQL (several processes may share the database; docs/decisions/0001-two-engines.md).
 *
 * One connection pool per process (sharedPool): Prisma's adapter, the rate limiters' store,
 * the migrations of the process's own database and the socket.io adapter (its NOTIFY queries
 * and the one connection it keeps for LISTEN, which stays checked out of the pool for the
 * process's life) all take their connections from it. Only migrations of another database than
 * the process's own (tests, tools) open a connection of their own.
 */
const POOL_SIZE = 12;

let pool: { url: string; pool: pg.Pool } | undefined;

/** The process's pool for its own database (DATABASE_URL), made on first use. */
function sharedPool(): pg.Pool {
  const url = getEnv().DATABASE_URL;
  if (pool && pool.url !== url) throw new Error('The database pool belongs to another DATABASE_URL');
  if (!pool) {
    const created = new pg.Pool({ connectionString: url, max: POOL_SIZE, application_name: 'townsquare' });
    // An idle connection the server drops (restart, shutdown, terminated) must not crash the
    // process: the pool replaces it on next use.
    created.on('error', (e) => logger().warn({ code: (e as { code?: string }).code, err: e.message }, 'database pool connection lost'));
    pool = { url, pool: created };
  }
  return pool.pool;
}

/** This process's database, or null when its configuration cannot be read (a tool, a test). */
function ownUrl(): string | null {
  try {
    return getEnv().DATABASE_URL;
  } catch {
    return null;
  }
}

const PG_TYPES: Record<ColumnType, string> = {
  text: 'text',
  int: 'int4',
  float: 'float8',
  bool: 'bool',
  timestamp: 'timestamp(3)',
  json: 'jsonb',
};

function stored(type: ColumnType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  // A UTC wall time for `timestamp(3)` (no zone).
  if (type === 'timestamp') return (v as Date).toISOString().slice(0, -1);
  if (type === 'json') return JSON.stringify(v);
  return v;
}

const MIGRATIONS = '_townsquare_migrations';
/** pg_advisory_lock key serializing migrations between processes. */
const MIGRATION_LOCK_KEY = 7412001;
/** pg_advisory_xact_lock key serializing Event inserts ("townsquare events"). */
const EVENT_LOCK_KEY = 0x7453_4576;

/** ts_headline options: the markers are ours, never the reader's. */
const headlineTitle = (m: SearchQuery['marks']) => `StartSel="${m.open}", StopSel="${m.close}", HighlightAll=true`;
const headlineBody = (m: SearchQuery['marks']) =>
  `StartSel="${m.open}", StopSel="${m.close}", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

export const postgres: Dialect = {
  engine: 'postgres',

  connect() {
    // The pool is ours (closed by close()), not the adapter's.
    return new PrismaClient({ adapter: new PrismaPg(sharedPool(), { disposeExternalPool: false }) }) as unknown as Db;
  },

  messagingPool() {
    return sharedPool();
  },

  // PostgreSQL's autovacuum analyzes tables as they change.
  async refreshStatistics() {},

  async close() {
    const current = pool;
    pool = undefined;
    await current?.pool.end();
  },

  async migrate(url, files, check) {
    // The process's own database: a connection from its pool. Another one (tests, tools): a
    // connection of its own for the duration.
    const own = url === ownUrl();
    const client = own ? await sharedPool().connect() : new pg.Client({ connectionString: url });
    if (!own) await (client as pg.Client).connect();
    let broken: Error | undefined;
    try {
      // One process migrates at a time (a session lock, on this one connection); the others wait
      // and then find nothing to do.
      await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${MIGRATIONS} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
      );
      const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${MIGRATIONS}`);
      const done = new Map(rows.map((r) => [r.name, r.checksum]));
      check(done);
      const applied: string[] = [];
      for (const f of files) {
        if (done.has(f.name)) continue;
        await client.query('BEGIN');
        try {
          await client.query(f.sql);
          await client.query(`INSERT INTO ${MIGRATIONS} (name, checksum, applied_at) VALUES ($1, $2, now())`, [f.name, f.checksum]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`Migration ${f.name} failed: ${(error as Error).message}`);
        }
        applied.push(f.name);
      }
      return applied;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).catch((e: Error) => (broken = e));
      // A pooled connection whose lock could not be given back is thrown away, never reused.
      if (own) (client as pg.PoolClient).release(broken);
      else await (client as pg.Client).end();
    }
  },

  files() {
    return [];
  },

  /**
   * "Post".search_vector with the unaccent configuration townsquare_search, kept current by the
   * triggers of the 0004_search migration. The page of hits is chosen first (index scan + rank),
   * headlines are made for those rows only.
   */
  searchPosts(db: Db, q: SearchQuery) {
    const marks = q.marks.open + q.marks.close;
    return db.$queryRaw<SearchRow[]>`
      WITH q AS (SELECT to_tsquery('townsquare_search', ${tsQuery(q.terms)}) AS query),
      hits AS (
        SELECT p."id", ts_rank(p."search_vector", q.query) AS rank, p."createdAt"
        FROM q, "Post" p
        JOIN "Thread" t ON t."id" = p."threadId"
        WHERE p."search_vector" @@ q.query
          AND ${q.visible}
          AND t."channelId" IN (${Prisma.join(q.channelIds)})
        ORDER BY rank DESC, p."createdAt" DESC, p."id" DESC
        LIMIT ${q.limit} OFFSET ${q.offset}
      )
      SELECT p."id" AS "postId", p."threadId" AS "threadId", t."channelId" AS "channelId", t."title" AS "title",
             CASE WHEN p."isOpening" THEN ts_headline('townsquare_search', translate(t."title", ${marks}, ''), q.query, ${headlineTitle(q.marks)}) END AS "titleMarked",
             ts_headline('townsquare_search', translate(p."text", ${marks}, ''), q.query, ${headlineBody(q.marks)}) AS "snippet",
             p."createdAt" AS "createdAt", u."id" AS "authorId", u."displayName" AS "displayName", u."status" AS "authorStatus"
      FROM hits
      CROSS JOIN q
      JOIN "Post" p ON p."id" = hits."id"
      JOIN "Thread" t ON t."id" = p."threadId"
      JOIN "User" u ON u."id" = p."authorId"
      ORDER BY hits.rank DESC, hits."createdAt" DESC, hits."id" DESC`;
  },

  /** unaccent()ed, lower-cased text (the unaccent extension comes with the search migration). */
  wordPrefixMatch(column, q) {
    const folded = Prisma.sql`lower(unaccent(${likeEscape(q.trim())}::text))`;
    const patterns = WORD_STARTS.map((start) => Prisma.sql`${`%${likeEscape(start)}`}::text || ${folded} || '%'`);
    return Prisma.sql`(' ' || lower(unaccent(${column}))) LIKE ANY (ARRAY[${Prisma.join(patterns)}])`;
  },

  /** A transaction-scoped advisory lock, held until commit. */
  async lockEvents(tx) {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${EVENT_LOCK_KEY})`);
  },

  /** One array parameter per column: `INSERT … SELECT * FROM unnest($1::text[], …)`. */
  async bulkInsert(tx, table, columns: readonly Column[], rows, returning = []) {
    if (!rows.length) return [];
    const names = columns.map(([name]) => `"${name}"`).join(', ');
    const arrays = columns.map(([, type], c) => rows.map((row) => stored(type, row[c])));
    const unnest = columns.map(([, type], c) => `$${c + 1}::${PG_TYPES[type]}[]`).join(', ');
    const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${unnest})`;
    if (!returning.length) {
      await tx.$executeRawUnsafe(sql, ...arrays);
      return [];
    }
    return tx.$queryRawUnsafe<Record<string, unknown>[]>(`${sql} RETURNING ${returning.map((name) => `"${name}"`).join(', ')}`, ...arrays);
  },

  /**
   * Counted in the rate_limits table, so every process shares the counts. The store asks for
   * the process's pool at each query, so a limiter outlives a closed and reopened pool.
   */
  rateLimiter(options) {
    const storeClient = { query: (query: pg.QueryConfig) => sharedPool().query(query) };
    return new RateLimiterPostgres({
      ...options,
      storeClient,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
    });
  },

  toDate(value) {
    return value instanceof Date ? value : new Date(value);
  },
};
