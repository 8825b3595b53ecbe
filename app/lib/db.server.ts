import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient as SqliteClient } from '~/generated/sqlite/client';
import { PrismaClient as PostgresClient } from '~/generated/postgres/client';
import { getEnv } from './env.server';

/**
 * Both generated clients have the same models; the SQLite one's type stands for both
 * (docs/decisions/0001-two-engines.md).
 */
export type Db = InstanceType<typeof SqliteClient>;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, '').replace(/\?.*$/, '');
}

function connect(): Db {
  const { DATABASE_URL, engine } = getEnv();
  if (engine === 'sqlite') {
    const file = sqlitePath(DATABASE_URL);
    mkdirSync(dirname(file), { recursive: true });
    // timeout = SQLite busy timeout; WAL is set once per file by the migration runner.
    return new SqliteClient({ adapter: new TunedSqliteAdapter({ url: file, timeout: 5000 }) });
  }
  const adapter = new PrismaPg({ connectionString: DATABASE_URL, max: 10 });
  return new PostgresClient({ adapter }) as unknown as Db;
}

/**
 * The better-sqlite3 adapter with two settings for a server process (see
 * docs/decisions/0001-two-engines.md):
 * - synchronous = NORMAL: in WAL mode it syncs at checkpoints instead of at every commit; the
 *   database is never corrupted, but the last commits may be lost on power failure (what Rails
 *   and most SQLite servers use);
 * - prepared statements are kept and reused (the adapter prepares every query anew, which costs
 *   more than running most of them).
 */
class TunedSqliteAdapter extends PrismaBetterSqlite3 {
  async connect() {
    const adapter = await super.connect();
    const conn = (adapter as unknown as { client: BetterSqlite3.Database }).client;
    conn.pragma('synchronous = NORMAL');
    reuseStatements(conn);
    return adapter;
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes conn.prepare() return a cached statement. The adapter calls prepare(sql).bind(args) and
 * then run(), columns() or raw().all(), synchronously; a statement can be bound only once, so
 * each call gets a small wrapper that passes its arguments to the shared statement instead. A
 * statement's columns never change, so they are read once too (better-sqlite3 builds them anew
 * at every call).
 */
type CachedStatement = { statement: BetterSqlite3.Statement; columns?: BetterSqlite3.ColumnDefinition[] };

function reuseStatements(conn: BetterSqlite3.Database) {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, CachedStatement>();
  conn.prepare = ((sql: string) => {
    let cached = cache.get(sql);
    if (cached) {
      cache.delete(sql); // re-inserted below: the Map's order is recency
    } else {
      cached = { statement: prepare(sql) };
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, cached);
    return new ReusedStatement(cached);
  }) as unknown as typeof conn.prepare;
}

class ReusedStatement {
  private args: unknown[] = [];
  constructor(private readonly cached: CachedStatement) {}
  get reader() {
    return this.cached.statement.reader;
  }
  bind(args: unknown[]) {
    this.args = args;
    return this;
  }
  run() {
    return this.cached.statement.run(this.args);
  }
  columns() {
    this.cached.columns ??= this.cached.statement.columns();
    return this.cached.columns;
  }
  raw() {
    return { all: () => this.cached.statement.raw(true).all(this.args) };
  }
}

/** Stores SQL NULL in a nullable Json column (a plain null is refused there); both engines share it. */
export const DbNull = Prisma.DbNull;

let client: Db | undefined;

/** The process-wide database client, created on first use. */
export function db(): Db {
  client ??= connect();
  return client;
}

export async function closeDb(): Promise<void> {
  if (client) await client.$disconnect();
  client = undefined;
}

/** Health check: a trivial query that must reach the database. */
export async function pingDb(): Promise<boolean> {
  try {
    await db().$queryRawUnsafe('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** Up to this many rows, createRows inserts one by one (see there). */
const ROW_BY_ROW_MAX = 8;

/**
 * Inserts rows and returns what was asked of them. Prisma never caches the query plan of
 * createMany(AndReturn), whose shape depends on the row count, and compiling one costs more than
 * several cached single inserts; so a few rows go one by one through `one`, more through `many`.
 */
export async function createRows<Row, Out>(rows: Row[], one: (row: Row) => Promise<Out>, many: (rows: Row[]) => Promise<Out[]>): Promise<Out[]> {
  if (rows.length > ROW_BY_ROW_MAX) return many(rows);
  const out: Out[] = [];
  for (const row of rows) out.push(await one(row));
  return out;
}

const afterCommitQueues = new WeakMap<object, (() => void)[]>();
const beforeCommitQueues = new WeakMap<object, (() => Promise<void>)[]>();

/**
 * The one way to write with side effects: runs `fn` in a transaction; steps registered with
 * beforeCommit(tx, ...) run after `fn`, as the transaction's last statements (the realtime
 * outbox); callbacks registered with afterCommit(tx, ...) run only once it has committed
 * (publish events, send mail), never for a rolled-back write.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const queue: (() => void)[] = [];
  const result = await db().$transaction(async (tx) => {
    afterCommitQueues.set(tx, queue);
    const last: (() => Promise<void>)[] = [];
    beforeCommitQueues.set(tx, last);
    const value = await fn(tx);
    for (const step of last) await step();
    return value;
  }, { timeout: 15000, maxWait: 10000 });
  for (const callback of queue) {
    try {
      callback();
    } catch {
      // A failing side effect must not turn a committed write into an error page.
    }
  }
  return result;
}

/** Runs `step` at the end of the transaction, after everything `fn` wrote, before the commit. */
export function beforeCommit(tx: Tx, step: () => Promise<void>) {
  const queue = beforeCommitQueues.get(tx);
  if (!queue) throw new Error('beforeCommit needs a transaction started with transaction()');
  queue.push(step);
}

export function afterCommit(tx: Tx, callback: () => void) {
  const queue = afterCommitQueues.get(tx);
  if (!queue) throw new Error('afterCommit needs a transaction started with transaction()');
  queue.push(callback);
}

/**
 * Runs `query` over `values` 500 at a time and concatenates the results: Prisma refuses a query
 * with more than 999 bound values on SQLite (an `IN` list of 1,000 ids, for instance), so long
 * lists go in parts. The parts come back one after the other: callers sort if order matters.
 */
export async function inChunks<T, R>(values: T[], query: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < values.length; i += 500) results.push(...(await query(values.slice(i, i + 500))));
  return results;
}
