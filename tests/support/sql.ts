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
