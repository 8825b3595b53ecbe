import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Raw SQL against a test database, for arranging what no screen creates yet and for checking
 * rows. `$1`, `$2`… placeholders work on both engines (repeats included).
 */
export async function sql(url: string, statement: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (url.startsWith('file:')) {
    const conn = new Database(url.replace(/^file:/, ''));
    try {
      const order: unknown[] = [];
      const stmt = conn.prepare(statement.replace(/\$(\d+)/g, (_, n: string) => (order.push(params[Number(n) - 1]), '?')));
      return stmt.reader ? (stmt.all(...order) as Record<string, unknown>[]) : (stmt.run(...order), []);
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows;
  } finally {
    await client.end();
  }
}

/** `sql` bound to a test server's database (read when called, so a server started later works). */
export function sqlOf(server: { database: { url: string } }) {
  return (statement: string, params: unknown[] = []) => sql(server.database.url, statement, params);
}

/** Ids the tests look up by a natural key in a test server's database: a user by e-mail, a department by slug. */
export function lookupsOf(server: { database: { url: string } }) {
  const idBy = async (statement: string, key: string) => {
    const row = (await sql(server.database.url, statement, [key]))[0];
    if (!row) throw new Error(`no row for ${key}`);
    return String(row.id);
  };
  return {
    userId: (email: string) => idBy('SELECT "id" FROM "User" WHERE "email" = $1', email),
    departmentId: (slug: string) => idBy('SELECT "id" FROM "Department" WHERE "slug" = $1', slug),
  };
}

/**
 * Inserts a row giving only the columns a test cares about: every other NOT NULL column without
 * a default gets a plain value of its type. For arranging rows in a database migrated to an
 * earlier version, which the generated client no longer describes.
 */
export async function insertFilled(url: string, table: string, given: Record<string, unknown>) {
  const sqlite = url.startsWith('file:');
  const columns = sqlite
    ? (await sql(url, `SELECT name, type, "notnull" AS required, dflt_value AS fallback FROM pragma_table_info($1)`, [table])).map((c) => ({
        name: String(c.name),
        type: String(c.type).toLowerCase(),
        required: Number(c.required) === 1 && c.fallback === null,
      }))
    : (
        await sql(
          url,
          `SELECT column_name AS name, data_type AS type, is_nullable = 'NO' AND column_default IS NULL AS required
           FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
          [table],
        )
      ).map((c) => ({ name: String(c.name), type: String(c.type).toLowerCase(), required: c.required === true }));
  const row: Record<string, unknown> = { ...given };
  for (const c of columns) {
    if (!c.required || c.name in row) continue;
    if (/int|real|double|numeric|decimal/.test(c.type)) row[c.name] = 0;
    else if (/bool/.test(c.type)) row[c.name] = sqlite ? 0 : false;
    else if (/date|time/.test(c.type)) row[c.name] = new Date().toISOString();
    else if (/json/.test(c.type)) row[c.name] = '{}';
    else row[c.name] = `${c.name}-${Math.random().toString(36).slice(2, 8)}`;
  }
  const names = Object.keys(row);
  await sql(
    url,
    `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
    names.map((n) => row[n]),
  );
}
