import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../support/database';
import { freePort } from '../support/server';

/** The production entry point (build/server.js) as an operator runs it. */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['build/server.js'], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/**
 * Waits until the server answers /healthz. A first start migrates and seeds the demo city, which
 * takes seconds alone and far longer beside the rest of the suite on two cores: this waits for
 * readiness and measures nothing (no wall-clock limit is asserted).
 */
async function waitForHealth(url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become healthy');
}

// The process is started on its default SQLite database; the PostgreSQL run has nothing to add.
describe.skipIf(testEngine() === 'postgres')('server process', () => {
  it('refuses to start on a bad setting and names it', async () => {
    const { exited, output } = start({ PORT: 'eighty', DATA_DIR: mkdtempSync(join(tmpdir(), 'ts-')) });
    expect(await exited).toBe(1);
    expect(output()).toContain('PORT');
    expect(output()).toContain('Invalid configuration');
  });

  it('refuses to start on a read-only or uncreatable DATA_DIR with one line naming it', async () => {
    // A read-only file system (root ignores file modes, so a read-only mount; others get chmod).
    const dir = mkdtempSync(join(tmpdir(), 'ts-ro-'));
    dirs.push(dir);
    const root = process.getuid?.() === 0;
    if (root) execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir]);
    else chmodSync(dir, 0o555);
    try {
      for (const [dataDir, message] of [
        [dir, `DATA_DIR ${dir} is not writable`],
        [join(dir, 'missing'), `DATA_DIR ${join(dir, 'missing')} does not exist and cannot be created`],
      ]) {
        const { exited, output } = start({ PORT: '0', DATA_DIR: dataDir });
        expect(await exited).toBe(1);
        const lines = output().trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(message);
        expect(output()).not.toMatch(/\n\s+at /); // no stack trace
      }
    } finally {
      if (root) execFileSync('umount', [dir]);
      else chmodSync(dir, 0o755);
    }
  });

  it('migrates and seeds an empty database, keeps data across restarts, and exits 0 on SIGTERM', { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ts-'));
    dirs.push(dataDir);
    const port = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
    const url = `http://127.0.0.1:${port}`;

    const first = start(env);
    await waitForHealth(url);
    expect(await (await fetch(url)).text()).toContain('Arroyo Verde');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('shutting down');

    // An operator renames the city; the next start migrates forward but never reseeds.
    const db = new Database(join(dataDir, 'townsquare.db'));
    db.prepare(`UPDATE "City" SET name = 'Renamed City' WHERE id = 1`).run();
    const neighborhoods = (db.prepare('SELECT count(*) AS n FROM "Neighborhood"').get() as { n: number }).n;
    db.close();

    const second = start(env);
    await waitForHealth(url);
    expect(await (await fetch(url)).text()).toContain('Renamed City');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    const after = new Database(join(dataDir, 'townsquare.db'), { readonly: true });
    expect((after.prepare('SELECT count(*) AS n FROM "Neighborhood"').get() as { n: number }).n).toBe(neighborhoods);
    after.close();
  });

  it('keeps the generated session secret under the data directory', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ts-'));
    dirs.push(dataDir);
    const port = await freePort();
    const run = start({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
    await waitForHealth(`http://127.0.0.1:${port}`);
    run.child.kill('SIGTERM');
    await run.exited;
    const { readFileSync, statSync } = await import('node:fs');
    expect(readFileSync(join(dataDir, 'session-secret'), 'utf8').length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, 'session-secret')).mode & 0o077).toBe(0);
  });
});
