import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The production entry point (build/server.js) as its own process, as an operator or a load
 * balancer's pool runs it. `output()` is what it printed; `exited` its exit code.
 */
export type ServerProcess = {
  child: ChildProcess;
  url: string;
  port: number;
  exited: Promise<number | null>;
  output(): string;
  stop(): Promise<number | null>;
};

export async function startServerProcess(options: {
  port: number;
  databaseUrl?: string;
  publicUrl?: string;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, ['build/server.js'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ts-proc-')),
      SESSION_SECRET: 'shared-secret-for-every-process-0123456789',
      PUBLIC_URL: options.publicUrl ?? `http://localhost:${options.port}`,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; ; i++) {
    if (gone) throw new Error(`process on ${options.port} exited while starting:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // starting
    }
    if (i > 300) throw new Error(`process on ${options.port} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    port: options.port,
    exited,
    output: () => output,
    async stop() {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls `check` every `intervalMs` until it is true; fails after `timeoutMs` with `what()`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number; what?: () => string } = {},
) {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what?.() ?? 'a condition'}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 200));
  }
}
