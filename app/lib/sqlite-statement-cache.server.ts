import type BetterSqlite3 from 'better-sqlite3';

/**
 * Framework workaround: the SQLite statement cache (docs/decisions/0001-two-engines.md,
 * 0012-forum-write-path.md). Prisma's better-sqlite3 adapter (7.x) prepares every query anew,
 * which costs more than running most of them; this makes conn.prepare() return a cached statement.
 *
 * It relies on how the adapter uses a statement: prepare(sql), then bind(args) and one of run(),
 * columns() or raw().all(), synchronously, plus the `reader` flag. A statement can be bound only
 * once, so each call gets a small wrapper that passes its arguments to the shared statement
 * instead; a statement's columns never change, so they are read once too (better-sqlite3 builds
 * them anew at every call). tests/unit/sqlite-statement-cache.test.ts fails when an upgrade of
 * the adapter uses the statement in another way (the cache must then be redone or retired).
 * A method the adapter calls that ReusedStatement lacks fails loudly (TypeError), never silently.
 */
const STATEMENT_CACHE_SIZE = 500;

type CachedStatement = { statement: BetterSqlite3.Statement; columns?: BetterSqlite3.ColumnDefinition[] };

/** How often prepare() found its statement in a cache (for tests and profiling). */
export const statementCacheStats = { prepared: 0, reused: 0 };

export function reuseStatements(conn: BetterSqlite3.Database): BetterSqlite3.Database {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, CachedStatement>();
  conn.prepare = ((sql: string) => {
    let cached = cache.get(sql);
    if (cached) {
      statementCacheStats.reused++;
      cache.delete(sql); // re-inserted below: the Map's order is recency
    } else {
      statementCacheStats.prepared++;
      cached = { statement: prepare(sql) };
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, cached);
    return new ReusedStatement(cached);
  }) as unknown as typeof conn.prepare;
  return conn;
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
