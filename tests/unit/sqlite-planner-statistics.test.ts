import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlite } from '~/lib/dialect/sqlite.server';
import { migrate } from '~/lib/migrate.server';

/**
 * The query planner's statistics on SQLite (app/lib/dialect/sqlite.server.ts): a server's
 * connection brings them up to date when it opens, and the hourly job does again. Without them
 * SQLite guessed that "the published posts of these threads" (the participants of a list of
 * threads) was best read through the index on the post's status, which reads every published post:
 * 65 ms on the bench's forum for the home page's six threads. Checked on the plan SQLite picks
 * for the same query, before and after the connection opens.
 */
const file = join(tmpdir(), `planner-${randomBytes(4).toString('hex')}.db`);
const url = `file:${file}`;
afterAll(() => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
});

const PARTICIPANTS = `SELECT MAX("createdAt"), "threadId", "authorId" FROM "Post"
  WHERE "threadId" IN (?, ?, ?) AND "status" = 'published' AND "hiddenAt" IS NULL AND "deletedAt" IS NULL
  GROUP BY "threadId", "authorId"`;

function planOf(conn: Database.Database): string {
  const rows = conn.prepare(`EXPLAIN QUERY PLAN ${PARTICIPANTS}`).all('t0', 't1', 't2') as { detail: string }[];
  return rows.map((r) => r.detail).join('; ');
}

describe('SQLite planner statistics', () => {
  it('are brought up to date when the server connects, so the thread index is used', async () => {
    await migrate(url);
    const conn = new Database(file);
    try {
      // A forum of 300 threads and 6,000 posts, written straight to the file (as an import or a
      // long-running site leaves it: never analyzed).
      conn.exec(`INSERT INTO "User" ("id", "displayName", "email") VALUES ('u1', 'Ana', 'ana@example.org')`);
      conn.exec(
        `INSERT INTO "Channel" ("id", "slug", "kind", "name", "createdAt") VALUES ('c1', 'general', 'topic', '{"en":"General"}', 0)`,
      );
      const thread = conn.prepare(
        `INSERT INTO "Thread" ("id", "channelId", "authorId", "title", "lastActivityAt", "createdAt") VALUES (?, 'c1', 'u1', 'T', 0, 0)`,
      );
      const post = conn.prepare(
        `INSERT INTO "Post" ("id", "threadId", "authorId", "isOpening", "body", "text", "status", "createdAt") VALUES (?, ?, 'u1', 0, '{}', 'x', 'published', ?)`,
      );
      conn.transaction(() => {
        for (let t = 0; t < 300; t++) {
          thread.run(`t${t}`);
          for (let p = 0; p < 20; p++) post.run(`p${t}-${p}`, `t${t}`, t * 20 + p);
        }
      })();
      conn.exec('DROP TABLE IF EXISTS sqlite_stat1');
      // Without statistics, SQLite guesses the status index (every published post).
      expect(planOf(conn)).toContain('Post_status_createdAt_idx');
    } finally {
      conn.close();
    }

    const db = sqlite.connect(url);
    try {
      await db.$queryRawUnsafe('SELECT 1');
      const check = new Database(file, { readonly: true });
      try {
        expect(planOf(check)).toContain('Post_threadId_createdAt_id_idx');
      } finally {
        check.close();
      }
      // The hourly job's refresh runs on the live connection.
      await sqlite.refreshStatistics(db);
    } finally {
      await db.$disconnect();
    }
  });
});
