import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/process';
import { freePort } from '../support/server';

/**
 * `npm run dev` (scripts/dev.mjs) in a copy of the sources, so its builds never touch the
 * production build the other tests use: it builds, migrates and seeds a development database,
 * serves pages, rebuilds and restarts the server when a route is added or changed, and stops
 * cleanly, taking its server with it.
 */
const SOURCES = ['app', 'server', 'scripts', 'prisma', 'locales', 'remix.config.js', 'package.json', 'tsconfig.json', 'remix.env.d.ts'];

let dir: string;
let dev: ChildProcess;
let output = '';
let base: string;
let exited: Promise<number | null>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ts-dev-'));
  for (const name of SOURCES) cpSync(resolve(name), join(dir, name), { recursive: true });
  symlinkSync(realpathSync('node_modules'), join(dir, 'node_modules'));
  // public/ as links to the real files, but its own public/build (remix watch empties it).
  mkdirSync(join(dir, 'public'));
  for (const entry of readdirSync('public')) {
    if (entry !== 'build') symlinkSync(resolve('public', entry), join(dir, 'public', entry));
  }
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'development' as const, PORT: String(port), HOST: '127.0.0.1', NO_COLOR: '1' };
  dev = spawn(process.execPath, ['scripts/dev.mjs'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  dev.stdout!.on('data', (d) => (output += d));
  dev.stderr!.on('data', (d) => (output += d));
  exited = new Promise((done) => dev.once('exit', (code) => done(code)));
}, 30_000);

afterAll(async () => {
  if (dev.exitCode === null) dev.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function text(path: string): Promise<string | null> {
  try {
    const res = await fetch(base + path);
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

describe('npm run dev', () => {
  it('builds, migrates and seeds a development database, and serves pages', async () => {
    await waitFor(async () => (await text('/healthz')) !== null, {
      timeoutMs: 240_000,
      what: () => `the dev server to answer:\n${output}`,
    });
    expect(await text('/')).toContain('Arroyo Verde');
    expect(output).toContain('demo city seeded');
    // Log lines are printed short, not as JSON.
    expect(output).not.toMatch(/^\{"level"/m);
  }, 260_000);

  it('rebuilds and restarts the server when a route is added and changed', async () => {
    const route = join(dir, 'app/routes/dev-probe.ts');
    writeFileSync(route, 'export const loader = () => new Response("probe one");\n');
    await waitFor(async () => (await text('/dev-probe')) === 'probe one', { timeoutMs: 180_000, what: () => `the new route:\n${output}` });
    writeFileSync(route, 'export const loader = () => new Response("probe two");\n');
    await waitFor(async () => (await text('/dev-probe')) === 'probe two', {
      timeoutMs: 180_000,
      what: () => `the changed route:\n${output}`,
    });
    expect(output).toContain('restarting the server');
  }, 380_000);

  it('stops cleanly on SIGTERM, with its server', async () => {
    dev.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await text('/healthz')).toBeNull();
  }, 30_000);
});
