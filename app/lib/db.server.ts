import { Prisma, type PrismaClient as SqliteClient } from '~/generated/sqlite/client';
import { dialect } from './dialect/index.server';
import { getEnv } from './env.server';
import { logger } from './logger.server';

/**
 * Both generated clients have the same models; the SQLite one's type stands for both
 * (docs/decisions/0001-two-engines.md). What differs between the engines is in ./dialect/.
 */
export type Db = InstanceType<typeof SqliteClient>;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export { sqlitePath } from './dialect/sqlite.server';

/** Stores SQL NULL in a nullable Json column (a plain null is refused there); both engines share it. */
export const DbNull = Prisma.DbNull;

let client: Db | undefined;

/** The process-wide database client, created on first use. */
export function db(): Db {
  client ??= dialect().connect(getEnv().DATABASE_URL);
  return client;
}

/** Disconnects the client and closes the process's connection pool (shared by rate limits). */
export async function closeDb(): Promise<void> {
  if (client) await client.$disconnect();
  client = undefined;
  await dialect().close();
}

/**
 * Health check: reads, then writes one row (HealthProbe), so a database that answers but cannot
 * store (a full disk, a read-only file or server) is reported as well as one that cannot be reached.
 */
export async function checkDb(): Promise<{ reachable: boolean; writable: boolean }> {
  try {
    await db().$queryRawUnsafe('SELECT 1');
  } catch {
    return { reachable: false, writable: false };
  }
  try {
    const checkedAt = new Date();
    await db().healthProbe.upsert({ where: { id: 1 }, create: { id: 1, checkedAt }, update: { checkedAt } });
    return { reachable: true, writable: true };
  } catch {
    return { reachable: true, writable: false };
  }
}

/**
 * A write a read can do without (a read marker, a session's sliding expiry): when it fails
 * (database read-only, disk full, a lost connection) the failure is logged and the page is served
 * all the same.
 */
export async function bestEffortWrite(what: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    logger().warn({ what, err: error instanceof Error ? error.message : String(error) }, 'optional write failed');
  }
}

/** Prisma and driver codes that mean the database cannot serve now, not that the query was wrong. */
const UNAVAILABLE_CODES = new Set([
  // Prisma: cannot reach, timed out, server closed the connection, no connection from the pool in time
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  // Node sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  // PostgreSQL: read-only transaction, disk full, out of memory, too many connections, shutting
  // down or starting up
  '25006',
  '53100',
  '53200',
  '53300',
  '57P01',
  '57P02',
  '57P03',
]);
const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
]);
// SQLite primary result codes: BUSY 5, READONLY 8, IOERR 10, FULL 13, CANTOPEN 14.
const SQLITE_UNAVAILABLE = new Set([5, 8, 10, 13, 14]);
const UNAVAILABLE_MESSAGE =
  /database or disk is full|readonly database|disk I\/O error|unable to open database|Connection terminated|connection (?:refused|closed)|Can't reach database server|Timed out fetching a new connection|the database system is (?:shutting down|starting up|in recovery mode)|terminating connection due to administrator command|No space left on device/i;

/**
 * True when an error means the database is unreachable or cannot write (disk full, read-only,
 * shutting down): such a request is answered 503 with Retry-After, not 500. Looks through the
 * error, its `cause` chain and Prisma's `meta.driverAdapterError`.
 */
export function isDbUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length) {
    const e = stack.pop();
    if (!e || typeof e !== 'object' || seen.has(e) || seen.size > 20) continue;
    seen.add(e);
    const o = e as {
      code?: unknown;
      kind?: unknown;
      extendedCode?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof o.code === 'string' && (UNAVAILABLE_CODES.has(o.code) || /^08|^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY)/.test(o.code)))
      return true;
    if (typeof o.kind === 'string' && UNAVAILABLE_KINDS.has(o.kind)) return true;
    if (o.kind === 'postgres' && typeof o.code === 'string' && UNAVAILABLE_CODES.has(o.code)) return true;
    if (o.kind === 'sqlite' && typeof o.extendedCode === 'number' && SQLITE_UNAVAILABLE.has(o.extendedCode & 0xff)) return true;
    if (typeof o.message === 'string' && UNAVAILABLE_MESSAGE.test(o.message)) return true;
    stack.push(o.cause, o.meta?.driverAdapterError, (o as { errors?: unknown[] }).errors?.[0]);
  }
  return false;
}

/**
 * A unique constraint refused the write (a double submit, or a race for the same row): Prisma's
 * P2002 from a model query, or the driver adapter's UniqueConstraintViolation from raw SQL (which
 * Prisma reports as P2010 on both engines).
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null;
  if (typeof e !== 'object' || e === null) return false;
  return e.code === 'P2002' || e.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}

/** Up to this many rows, createRows inserts one by one (see there). */
const ROW_BY_ROW_MAX = 8;

/**
 * Inserts rows and returns what was asked of them. Prisma never caches the query plan of
 * createMany(AndReturn), whose shape depends on the row count, and compiling one costs more than
 * several cached single inserts; so a few rows go one by one through `one`, more through `many`.
 */
export async function createRows<Row, Out>(
  rows: Row[],
  one: (row: Row) => Promise<Out>,
  many: (rows: Row[]) => Promise<Out[]>,
): Promise<Out[]> {
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
  const result = await db().$transaction(
    async (tx) => {
      afterCommitQueues.set(tx, queue);
      const last: (() => Promise<void>)[] = [];
      beforeCommitQueues.set(tx, last);
      const value = await fn(tx);
      for (const step of last) await step();
      return value;
    },
    { timeout: 15000, maxWait: 10000 },
  );
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
