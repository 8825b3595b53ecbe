import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Prisma, PrismaClient } from '~/generated/sqlite/client';
import { globWordPrefix } from '~/modules/content/mentions';
import { ftsQuery } from '~/modules/search/terms';
import type { Db } from '../db.server';
import { reuseStatements } from '../sqlite-statement-cache.server';
import type { Column, ColumnType, Dialect, SearchQuery, SearchRow } from './dialect';

/** SQLite (the default): one file, one process (docs/decisions/0001-two-engines.md). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, '').replace(/\?.*$/, '');
}

/**
 * The better-sqlite3 adapter with three settings for a server process:
 * - synchronous = NORMAL: in WAL mode it syncs at checkpoints instead of at every commit; the
 *   database is never corrupted, but the last commits may be lost on power failure (what Rails
 *   and most SQLite servers use);
 * - prepared statements are kept and reused (../sqlite-statement-cache.server.ts);
 * - the query planner's statistics are brought up to date. Without them the planner guesses: for
 *   "the published posts of these threads" it chose the index on the post's status and read all
 *   200,000 posts of the bench's forum (65 ms) rather than the thread's index (under 1 ms).
 */
class TunedSqliteAdapter extends PrismaBetterSqlite3 {
  async connect() {
    const adapter = await super.connect();
    const conn = (adapter as unknown as { client: BetterSqlite3.Database }).client;
    conn.pragma('synchronous = NORMAL');
    // SQLite's advice for a long-lived connection: `PRAGMA optimize` when it opens (every table,
    // 0x10002) and then now and then (refreshStatistics below, hourly). It runs ANALYZE, on a
    // sample of `analysis_limit` rows per index, on the tables whose size changed much since.
    conn.pragma('analysis_limit = 1000');
    conn.pragma('optimize = 0x10002');
    reuseStatements(conn);
    return adapter;
  }
}

/** Rows a bulk insert sends in one statement (as one JSON text of a few megabytes at most). */
const ROWS_PER_STATEMENT = 20_000;

/** Values as Prisma stores them on SQLite: times as ISO text with "+00:00", booleans 1/0, JSON text. */
function stored(type: ColumnType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'timestamp') return (v as Date).toISOString().replace('Z', '+00:00');
  if (type === 'json') return JSON.stringify(v);
  if (type === 'bool') return v ? 1 : 0;
  return v;
}

const MIGRATIONS = '_townsquare_migrations';

export const sqlite: Dialect = {
  engine: 'sqlite',

  connect(url) {
    const file = sqlitePath(url);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // timeout = SQLite busy timeout; WAL is set once per file by the migration runner. The
    // adapter holds one connection for the process.
    return new PrismaClient({ adapter: new TunedSqliteAdapter({ url: file, timeout: 5000 }) });
  },

  messagingPool() {
    return null;
  },

  async refreshStatistics(db) {
    await db.$executeRawUnsafe('PRAGMA optimize');
  },

  async close() {},

  /**
   * Migrations run on their own connection, opened and closed here: they run before the Prisma
   * client is made, on a fresh connection with foreign keys off (a pragma the client's connection
   * must not inherit), and tests migrate other files than the process's own.
   */
  async migrate(url, files, check) {
    const file = sqlitePath(url);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const conn = new Database(file, { timeout: 10000 });
    try {
      conn.pragma('journal_mode = WAL');
      // SQLite changes a table by copying it into a new one and dropping the old one. With foreign
      // keys on, that DROP would cascade-delete every row that points at the table, so they are off
      // while migrating (the pragma only works outside a transaction) and checked before commit.
      conn.pragma('foreign_keys = OFF');
      conn.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const applied: string[] = [];
      // BEGIN IMMEDIATE takes the write lock, so two processes starting together do not race.
      conn.exec('BEGIN IMMEDIATE');
      try {
        const rows = conn.prepare(`SELECT name, checksum FROM ${MIGRATIONS}`).all() as { name: string; checksum: string }[];
        const done = new Map(rows.map((r) => [r.name, r.checksum]));
        check(done);
        for (const f of files) {
          if (done.has(f.name)) continue;
          conn.exec(f.sql);
          conn
            .prepare(`INSERT INTO ${MIGRATIONS} (name, checksum, applied_at) VALUES (?, ?, ?)`)
            .run(f.name, f.checksum, new Date().toISOString());
          applied.push(f.name);
        }
        const broken = conn.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new Error(`Migration left ${broken.length} rows with broken foreign keys`);
        conn.exec('COMMIT');
      } catch (error) {
        conn.exec('ROLLBACK');
        throw error;
      }
      return applied;
    } finally {
      conn.close();
    }
  },

  files(url) {
    const file = sqlitePath(url);
    return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
  },

  /**
   * The FTS5 index search_posts (external content search_documents), kept current by the
   * triggers of the 0004_search migration. bm25: lower is better; the title (only indexed on
   * opening posts) weighs more than the body.
   */
  searchPosts(db: Db, q: SearchQuery) {
    const { open, close } = q.marks;
    return db.$queryRaw<SearchRow[]>`
      SELECT p."id" AS "postId", p."threadId" AS "threadId", t."channelId" AS "channelId", t."title" AS "title",
             highlight(search_posts, 0, ${open}, ${close}) AS "titleMarked",
             snippet(search_posts, 1, ${open}, ${close}, '…', 24) AS "snippet",
             p."createdAt" AS "createdAt", u."id" AS "authorId", u."displayName" AS "displayName", u."status" AS "authorStatus"
      FROM search_posts
      JOIN search_documents d ON d."id" = search_posts.rowid
      JOIN "Post" p ON p."id" = d."post_id"
      JOIN "Thread" t ON t."id" = p."threadId"
      JOIN "User" u ON u."id" = p."authorId"
      WHERE search_posts MATCH ${ftsQuery(q.terms)}
        AND ${q.visible}
        AND t."channelId" IN (${Prisma.join(q.channelIds)})
      ORDER BY bm25(search_posts, 4.0, 1.0), p."createdAt" DESC, p."id" DESC
      LIMIT ${q.limit} OFFSET ${q.offset}`;
  },

  /** SQLite has no accent folding: a GLOB pattern with a character class per letter. */
  wordPrefixMatch(column, q) {
    return Prisma.sql`(' ' || ${column}) GLOB ${globWordPrefix(q)}`;
  },

  /** SQLite has one writer at a time anyway: the transaction holds the write lock until commit. */
  async lockEvents() {},

  /**
   * The rows as one JSON text, read back by json_each: one bound value per statement instead of
   * one per cell, since Prisma's handling of each bound value, not SQLite, was the cost (486,740
   * two-column rows took 13 s as a VALUES list, 32,000 values a statement). Column affinity stores
   * each value as Prisma would: bigints travel as text and INTEGER columns take them as integers.
   */
  async bulkInsert(tx, table, columns: readonly Column[], rows, returning = []) {
    const names = columns.map(([name]) => `"${name}"`).join(', ');
    const cells = columns.map((_, c) => `json_extract(value, '$[${c}]')`).join(', ');
    const sql = `INSERT INTO "${table}" (${names}) SELECT ${cells} FROM json_each(?) ORDER BY key`;
    const back = returning.map((name) => `"${name}"`).join(', ');
    const out: Record<string, unknown>[] = [];
    for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(at, at + ROWS_PER_STATEMENT);
      const json = JSON.stringify(
        chunk.map((row) => columns.map(([, type], c) => stored(type, row[c]))),
        (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
      );
      if (back) out.push(...(await tx.$queryRawUnsafe<Record<string, unknown>[]>(`${sql} RETURNING ${back}`, json)));
      else await tx.$executeRawUnsafe(sql, json);
    }
    return out;
  },

  /** One process: counted in memory. */
  rateLimiter(options) {
    return new RateLimiterMemory(options);
  },

  /** Raw DateTime values come back as ISO text, or epoch milliseconds. */
  toDate(value) {
    if (value instanceof Date) return value;
    if (typeof value === 'number' || /^\d+$/.test(value)) return new Date(Number(value));
    return new Date(value);
  },
};
