import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/**
 * Migration 0041 on each engine: a thread hidden under the old rule (its opening post hidden, the
 * thread with it) is shown again, its opening post staying hidden; a thread hidden because its
 * opening post is held for approval stays hidden. The server ran the migration at start (on an
 * empty state); the test arranges the old state and runs the same file again.
 */
const server = withTestServer();
const sql = sqlOf(server);

describe('migration 0041: threads hidden only because their opening post was', () => {
  it('shows those threads again and leaves held ones hidden', async () => {
    const threads = await sql(
      `SELECT t."id" AS "threadId", p."id" AS "postId" FROM "Thread" t JOIN "Post" p ON p."threadId" = t."id" AND p."isOpening" = TRUE
       WHERE t."hiddenAt" IS NULL AND t."deletedAt" IS NULL AND p."status" = 'published' AND p."hiddenAt" IS NULL ORDER BY t."id" LIMIT 2`,
    );
    expect(threads).toHaveLength(2);
    const [oldRule, held] = threads.map((t) => ({ thread: String(t.threadId), post: String(t.postId) }));
    const when = new Date().toISOString();
    const engine = server.database.url.startsWith('file:') ? 'sqlite' : 'postgres';
    const stamp = engine === 'sqlite' ? Date.now() : when;
    // The old rule: the opening post hidden, and its thread with it.
    await sql('UPDATE "Post" SET "hiddenAt" = $1, "hiddenReason" = \'spam\' WHERE "id" = $2', [stamp, oldRule.post]);
    await sql('UPDATE "Thread" SET "hiddenAt" = $1, "hiddenReason" = \'spam\' WHERE "id" = $2', [stamp, oldRule.thread]);
    // Held for approval: the opening post pending, the thread hidden until it is approved.
    await sql('UPDATE "Post" SET "status" = \'pending\' WHERE "id" = $1', [held.post]);
    await sql('UPDATE "Thread" SET "hiddenAt" = $1 WHERE "id" = $2', [stamp, held.thread]);

    const migration = readFileSync(`prisma/migrations/${engine}/0041_unhide_threads_of_hidden_opening_posts.sql`, 'utf8');
    await sql(migration);

    const state = async (id: string) => (await sql('SELECT "hiddenAt", "hiddenReason" FROM "Thread" WHERE "id" = $1', [id]))[0];
    expect(await state(oldRule.thread)).toEqual({ hiddenAt: null, hiddenReason: null });
    expect((await sql('SELECT "hiddenAt" FROM "Post" WHERE "id" = $1', [oldRule.post]))[0].hiddenAt).not.toBeNull();
    expect((await state(held.thread)).hiddenAt).not.toBeNull();
    // The thread is readable again, its opening post shown as hidden.
    const res = await fetch(`${server.url}/threads/${oldRule.thread}`);
    expect(res.status).toBe(200);
  });
});
