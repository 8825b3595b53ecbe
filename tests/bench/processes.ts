import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../support/server';

/** Waits until `url` answers 2xx (a server the bench started is up); 60 s at most. */
export async function waitFor(url: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** Stops a process the bench started and waits for it to exit. */
export function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * The baseline: a bare node:http server in its own process that answers every request with
 * exactly `body` as text/html (the bytes the app sent for the page measured). Kept in `dir`.
 */
export async function startRawServer(body: Buffer, dir: string, name: string): Promise<{ child: ChildProcess; url: string }> {
  const bodyFile = join(dir, name);
  writeFileSync(bodyFile, body);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const b=require('fs').readFileSync(${JSON.stringify(bodyFile)});require('http').createServer((q,s)=>{s.writeHead(200,{'Content-Type':'text/html; charset=utf-8','Content-Length':b.length});s.end(b)}).listen(${port},'127.0.0.1')`,
    ],
    { stdio: 'inherit' },
  );
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(url);
  return { child, url };
}

/**
 * CPU time (user + system, ms) the process `pid` has used so far, from /proc (Linux): the server's
 * CPU per write is steadier than writes per second on a shared machine. Null elsewhere.
 * `mainThread`: only JavaScript's thread (the process figure adds the garbage collector's helpers).
 */
export function cpuMs(pid: number | undefined, mainThread = false): number | null {
  try {
    const fields = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return null;
  }
}

/**
 * The environment of a server a bench starts: production mode on 127.0.0.1:`port`, data in
 * `dataDir`, no mail, client addresses from X-Forwarded-For (benches vary them), quiet logs.
 */
export function benchServerEnv(port: number, dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SMTP_URL: '',
    TRUST_PROXY: '1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...extra,
  };
}

/** Starts the built server once so it migrates and seeds its database, then stops it (a bench fills the data next). */
export async function migrateAndSeed(env: NodeJS.ProcessEnv, base: string, cwd?: string) {
  const first = spawn(process.execPath, ['build/server.js'], { env, stdio: 'inherit', cwd });
  await waitFor(`${base}/healthz`);
  await stop(first);
}
