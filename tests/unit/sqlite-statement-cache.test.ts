import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlite } from '~/lib/dialect/sqlite.server';
import { migrate } from '~/lib/migrate.server';
import { statementCacheStats } from '~/lib/sqlite-statement-cache.server';

/**
 * The SQLite statement cache (app/lib/sqlite-statement-cache.server.ts, a framework workaround)
 * through the real Prisma client and adapter: every kind of query the app runs still answers
 * right with statements reused, and the adapter still prepares through conn.prepare() (else the
 * cache would silently do nothing). Fails when an upgrade of Prisma's better-sqlite3 adapter
 * uses statements another way.
 */
const file = join(tmpdir(), `statement-cache-${randomBytes(4).toString('hex')}.db`);
const url = `file:${file}`;
afterAll(() => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
});

describe('the SQLite statement cache', () => {
  it('reuses prepared statements for reads, writes, transactions and raw queries, with the same answers', async () => {
    await migrate(url);
    const db = sqlite.connect(url);
    try {
      const before = { ...statementCacheStats };
      for (let i = 0; i < 3; i++) {
        const user = await db.user.create({
          data: { displayName: `Ana ${i}`, email: `ana${i}@example.org` },
          select: { id: true, displayName: true, createdAt: true },
        });
        expect(user.displayName).toBe(`Ana ${i}`);
        expect(user.createdAt).toBeInstanceOf(Date);
        const found = await db.user.findUnique({ where: { id: user.id }, select: { email: true, failedLogins: true } });
        expect(found).toEqual({ email: `ana${i}@example.org`, failedLogins: 0 });
        await db.$transaction(async (tx) => {
          await tx.user.update({ where: { id: user.id }, data: { failedLogins: { increment: 2 } } });
          expect((await tx.user.findUniqueOrThrow({ where: { id: user.id } })).failedLogins).toBe(2);
        });
        const raw = await db.$queryRaw<{ n: number | bigint }[]>`SELECT count(*) AS n FROM "User" WHERE "failedLogins" = ${2}`;
        expect(Number(raw[0].n)).toBe(i + 1);
        expect(await db.$executeRaw`UPDATE "User" SET "locale" = ${'es'} WHERE "id" = ${user.id}`).toBe(1);
      }
      expect(await db.user.count({ where: { locale: 'es' } })).toBe(3);
      // The same SQL came back several times: it was prepared once and reused after.
      expect(statementCacheStats.prepared).toBeGreaterThan(before.prepared);
      expect(statementCacheStats.reused - before.reused).toBeGreaterThan(statementCacheStats.prepared - before.prepared);
    } finally {
      await db.$disconnect();
    }
  });
});
