import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Prisma } from '~/generated/sqlite/client';
import { migrate } from '~/lib/migrate.server';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * One schema source (prisma/schema.prisma), two sets of SQL migrations: after migrating an empty
 * database, each engine must have exactly the tables, columns and indexes (names, columns in
 * order, uniqueness) the Prisma schema describes.
 */
const dropped: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dropped) await d.drop();
});

/** Tables and columns from the generated client (ModelName + <Model>ScalarFieldEnum) and @@map. */
function expectedTables(): Record<string, string[]> {
  const schema = readFileSync('prisma/schema.prisma', 'utf8');
  const tables: Record<string, string[]> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const block = new RegExp(`model ${model} \\{([\\s\\S]*?)\\n\\}`).exec(schema)?.[1] ?? '';
    const table = /@@map\("([^"]+)"\)/.exec(block)?.[1] ?? model;
    const fields = (Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`];
    // A field's column is its name, or what its @map("…") says.
    tables[table] = Object.values(fields)
      .map((field) => new RegExp(`^\\s+${field}\\s[^\\n]*@map\\("([^"]+)"\\)`, 'm').exec(block)?.[1] ?? field)
      .sort();
  }
  return tables;
}

type Index = { columns: string[]; unique: boolean };

/**
 * Indexes the Prisma schema asks for, by name (Prisma's names: `<table>_<columns>_idx` for
 * @@index, `<table>_<columns>_key` for @unique and @@unique, or the `map:` given): primary keys
 * are left out (the table comparison covers their columns).
 */
function expectedIndexes(): Record<string, Index> {
  const schema = readFileSync('prisma/schema.prisma', 'utf8');
  const indexes: Record<string, Index> = {};
  for (const [, model, block] of schema.matchAll(/^model (\w+) \{([\s\S]*?)\n\}/gm)) {
    const table = /@@map\("([^"]+)"\)/.exec(block)?.[1] ?? model;
    const column = (field: string) => new RegExp(`^\\s+${field}\\s[^\\n]*@map\\("([^"]+)"\\)`, 'm').exec(block)?.[1] ?? field;
    const add = (fields: string[], unique: boolean, map?: string) => {
      const columns = fields.map(column);
      indexes[map ?? `${table}_${columns.join('_')}_${unique ? 'key' : 'idx'}`] = { columns, unique };
    };
    for (const [, kind, list, map] of block.matchAll(/@@(index|unique)\(\[([^\]]+)\](?:[^)]*map:\s*"([^"]+)")?[^)]*\)/g)) {
      add(
        list.split(',').map((f) => f.trim().replace(/\(.*$/, '')),
        kind === 'unique',
        map,
      );
    }
    for (const [, field, map] of block.matchAll(/^\s+(\w+)\s[^\n]*@unique(?:\(map:\s*"([^"]+)"\))?/gm)) add([field], true, map);
  }
  return indexes;
}

/** Full-text search objects are engine-specific (not in prisma/schema.prisma): all named search_*. */
function isSearchObject(name: string) {
  return name.startsWith('search_');
}

async function sqliteTables(url: string) {
  const conn = new Database(url.replace(/^file:/, ''), { readonly: true });
  // search_* tables (the FTS5 index, its shadow tables and search_documents) are engine-specific
  // objects written by hand in 0004_search.sql (docs/decisions/0008-search.md), not in the schema.
  const names = (
    conn
      .prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_townsquare_migrations'`)
      .all() as { name: string }[]
  ).filter(({ name }) => !isSearchObject(name));
  const tables: Record<string, string[]> = {};
  for (const { name } of names) {
    tables[name] = (conn.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name).sort();
  }
  conn.close();
  return tables;
}

/** Indexes an SQLite database has (not the automatic ones of primary keys, nor search_*). */
function sqliteIndexes(url: string): Record<string, Index> {
  const conn = new Database(url.replace(/^file:/, ''), { readonly: true });
  const rows = conn.prepare(`SELECT name, tbl_name AS "table" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as {
    name: string;
    table: string;
  }[];
  const indexes: Record<string, Index> = {};
  for (const { name, table } of rows) {
    if (isSearchObject(name) || isSearchObject(table)) continue;
    const unique =
      (conn.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number }[]).find((i) => i.name === name)!.unique ===
      1;
    const columns = (conn.prepare(`PRAGMA index_info("${name}")`).all() as { seqno: number; name: string }[])
      .sort((a, b) => a.seqno - b.seqno)
      .map((c) => c.name);
    indexes[name] = { columns, unique };
  }
  conn.close();
  return indexes;
}

/** Indexes a PostgreSQL database has (not primary keys, nor the search index on search_vector). */
async function postgresIndexes(url: string): Promise<Record<string, Index>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ name: string; unique: boolean; columns: string[] }>(`
    SELECT i.relname AS name, x.indisunique AS unique,
           array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n)
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace ns ON ns.oid = t.relnamespace
    WHERE ns.nspname = 'public' AND NOT x.indisprimary AND t.relname <> '_townsquare_migrations'`);
  await client.end();
  const indexes: Record<string, Index> = {};
  for (const r of rows) if (!r.columns.some(isSearchObject)) indexes[r.name] = { columns: r.columns, unique: r.unique };
  return indexes;
}

async function postgresTables(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_townsquare_migrations'`,
  );
  await client.end();
  const tables: Record<string, string[]> = {};
  // Post.search_vector (tsvector, maintained by triggers) is PostgreSQL's search index, written by
  // hand in 0004_search.sql (docs/decisions/0008-search.md), not in the schema.
  for (const r of rows)
    if (!isSearchObject(r.table_name) && !isSearchObject(r.column_name)) (tables[r.table_name] ??= []).push(r.column_name);
  for (const t of Object.values(tables)) t.sort();
  return tables;
}

describe('schema drift', () => {
  it('SQLite migrations produce exactly the Prisma schema, and re-running applies nothing', async () => {
    const database = await createTestDatabase('sqlite');
    dropped.push(database);
    const first = await migrate(database.url);
    expect(first.applied.length).toBe(first.total);
    expect(await sqliteTables(database.url)).toEqual(expectedTables());
    expect(sqliteIndexes(database.url)).toEqual(expectedIndexes());
    expect((await migrate(database.url)).applied).toEqual([]);
    // The search index is kept current by triggers; a migration that rebuilds "Post" or "Thread"
    // drops them and must create them again.
    const conn = new Database(database.url.replace(/^file:/, ''), { readonly: true });
    const triggers = (
      conn.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%' ORDER BY name`).all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    conn.close();
    expect(triggers).toEqual([
      'search_documents_ad',
      'search_documents_ai',
      'search_documents_au',
      'search_post_ad',
      'search_post_ai',
      'search_post_au',
      'search_thread_ad',
      'search_thread_title_au',
    ]);
  });

  it.runIf(!!process.env.TEST_POSTGRES_URL)(
    'PostgreSQL migrations produce exactly the Prisma schema, and re-running applies nothing',
    async () => {
      const database = await createTestDatabase('postgres');
      dropped.push(database);
      const first = await migrate(database.url);
      expect(first.applied.length).toBe(first.total);
      expect(await postgresTables(database.url)).toEqual(expectedTables());
      expect(await postgresIndexes(database.url)).toEqual(expectedIndexes());
      expect((await migrate(database.url)).applied).toEqual([]);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgname LIKE 'search_%' ORDER BY tgname`);
      await client.end();
      expect(rows.map((r) => r.tgname)).toEqual(['search_post_vector', 'search_thread_title']);
    },
  );
});

describe('migrating a database that has data', () => {
  it('keeps users, sessions and role grants when later migrations rebuild their tables (SQLite)', async () => {
    const database = await createTestDatabase('sqlite');
    dropped.push(database);
    await migrate(database.url, { upTo: '0001_init.sql' });
    const conn = new Database(database.url.replace(/^file:/, ''));
    const now = new Date().toISOString();
    conn
      .prepare(
        `INSERT INTO "User" (id, displayName, email, locale, status, failedLogins, createdAt) VALUES ('u1', 'Ana', 'ana@example.org', 'es', 'active', 0, ?)`,
      )
      .run(now);
    conn.prepare(`INSERT INTO "Session" (id, userId, expiresAt, createdAt, lastSeenAt) VALUES ('s1', 'u1', ?, ?, ?)`).run(now, now, now);
    conn.prepare(`INSERT INTO "RoleGrant" (id, userId, role, createdAt) VALUES ('g1', 'u1', 'staff', ?)`).run(now);
    conn.close();

    const rest = await migrate(database.url);
    expect(rest.applied.length).toBeGreaterThan(0);
    const after = new Database(database.url.replace(/^file:/, ''), { readonly: true });
    const count = (table: string) => (after.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    expect([count('User'), count('Session'), count('RoleGrant')]).toEqual([1, 1, 1]);
    expect((after.prepare(`SELECT locale FROM "User" WHERE id = 'u1'`).get() as { locale: string }).locale).toBe('es');
    expect(after.pragma('foreign_key_check')).toEqual([]);
    after.close();
  });
});
