/**
 * `npm run bench` (framework workarounds): each workaround beside the same work without it, in
 * the same process and run, alternating in short rounds so both see the same machine load
 * (docs/decisions/0020-engine-dialects.md). Prints, never asserts.
 *  1. The @remix-run/router patch (patches/): matching this app's route tree (build/index.js)
 *     against its page URLs, with the patched router the server loads and an unpatched copy of
 *     the same version (the patch reversed into a temporary file).
 *  2. The SQLite statement cache (app/lib/sqlite-statement-cache.server.ts): queries a thread
 *     page makes, through Prisma with the tuned adapter and with the plain one, on the demo city.
 * The HTML page cache is measured by tests/bench/forum.ts (anonymous thread page, cached and
 * bypassed, in the same run).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '~/generated/sqlite/client';
import type { Db } from '~/lib/db.server';
import { sqlite } from '~/lib/dialect/sqlite.server';
import { migrate } from '~/lib/migrate.server';
import { seedIfEmpty } from '../../prisma/seed';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'townsquare-bench-workarounds-'));

/** Runs `a` and `b` alternately for ROUNDS rounds of `ms` each; answers operations per second. */
async function alternate(ms: number, a: () => unknown, b: () => unknown) {
  const total = [0, 0];
  const ops = [0, 0];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, fn] of [a, b].entries()) {
      const start = performance.now();
      while (performance.now() - start < ms) {
        await fn();
        ops[i]++;
      }
      total[i] += performance.now() - start;
    }
  }
  return ops.map((n, i) => (n / total[i]) * 1000);
}

function row(label: string, withIt: number, without: number) {
  console.log(
    label.padEnd(44),
    withIt.toFixed(0).padStart(10),
    without.toFixed(0).padStart(10),
    `${(((withIt - without) / without) * 100).toFixed(0)} %`.padStart(8),
  );
}

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };

async function routerPatch() {
  const require = createRequire(import.meta.url);
  const patched = require.resolve('@remix-run/router', { paths: [require.resolve('@remix-run/server-runtime')] });
  const unpatchedFile = join(dir, 'router.cjs.js');
  copyFileSync(patched, unpatchedFile);
  const patch = resolve('patches/@remix-run+router+1.23.3.patch');
  execFileSync('patch', ['-R', '-s', unpatchedFile, patch]);
  type Router = { matchRoutes(routes: Route[], url: string): unknown };
  const withPatch = require(patched) as Router;
  const withoutPatch = require(unpatchedFile) as Router;
  // This app's route tree, as Remix builds it from the server build.
  const build = (await import(pathToFileURL(resolve('build/index.js')).href)) as { routes: Record<string, Route & { parentId?: string }> };
  const tree = (parentId?: string): Route[] =>
    Object.values(build.routes)
      .filter((r) => r.parentId === parentId)
      .map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: tree(r.id) }));
  const routes = tree(undefined);
  const urls = [
    '/',
    '/threads/cm123abc',
    '/channels/n-riverside',
    '/requests/new',
    '/staff/requests',
    '/admin/request-types/x/fields',
    '/no/such/page',
  ];
  // Remix matches several times per request on the same routes array: so do both here.
  const [a, b] = await alternate(
    100,
    () => urls.forEach((u) => withPatch.matchRoutes(routes, u)),
    () => urls.forEach((u) => withoutPatch.matchRoutes(routes, u)),
  );
  row(`match ${urls.length} URLs (${Object.keys(build.routes).length} routes)`, a, b);
}

async function statementCache() {
  const url = `file:${join(dir, 'bench.db')}`;
  await migrate(url);
  const tuned = sqlite.connect(url);
  const plain = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: url.slice(5), timeout: 5000 }) }) as unknown as Db;
  await seedIfEmpty(tuned);
  const thread = await tuned.thread.findFirstOrThrow({ select: { id: true, channelId: true } });
  const user = await tuned.user.findFirstOrThrow({ select: { id: true, email: true } });
  // Reads of the kind a thread page makes: the thread with its channel, a page of posts with
  // their authors and reactions, the reader and their read marker.
  const page = (db: Db) => async () => {
    await db.thread.findUnique({ where: { id: thread.id }, include: { channel: true } });
    await db.post.findMany({
      where: { threadId: thread.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 50,
      include: { author: { select: { id: true, displayName: true, status: true } }, reactions: true },
    });
    await db.user.findUnique({ where: { email: user.email! }, select: { id: true, displayName: true, locale: true, status: true } });
    await db.readMarker.findUnique({ where: { userId_threadId: { userId: user.id, threadId: thread.id } } });
  };
  const write = (db: Db) => () => db.user.update({ where: { id: user.id }, data: { failedLogins: 0 } });
  try {
    const [ra, rb] = await alternate(300, page(tuned), page(plain));
    row('thread page reads (4 queries)', ra, rb);
    const [wa, wb] = await alternate(200, write(tuned), write(plain));
    row('one-row update', wa, wb);
  } finally {
    await tuned.$disconnect();
    await plain.$disconnect();
  }
}

async function main() {
  console.log(`\nFramework workarounds, with and without, alternating (${ROUNDS} rounds each)`);
  console.log('work'.padEnd(44), 'with /s'.padStart(10), 'without /s'.padStart(10), 'gain'.padStart(8));
  console.log('router patch (patches/@remix-run+router)');
  await routerPatch();
  console.log('SQLite statement cache');
  await statementCache();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
