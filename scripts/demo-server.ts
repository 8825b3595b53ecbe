import { spawn } from 'node:child_process';

/**
 * The production build on a fresh, seeded demo database, started the way the e2e tests start it
 * (tests/e2e/serve.ts: SMTP catcher, local map tiles), for the screenshot and Lighthouse scripts.
 * `--url http://host:port` uses a server that is already running instead.
 */
export type DemoServer = { url: string; stop: () => Promise<void> };

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function demoServer(defaultPort: number): Promise<DemoServer> {
  const given = argValue('--url');
  if (given) return { url: given.replace(/\/$/, ''), stop: async () => {} };
  const port = Number(process.env.E2E_PORT ?? defaultPort);
  const mailPort = Number(process.env.E2E_MAIL_PORT ?? port + 1);
  const health = () =>
    fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
  // A server left over on the port would answer for the fresh one: refuse rather than measure it.
  if (await health()) throw new Error(`port ${port} is taken: stop what runs there, set E2E_PORT, or pass --url`);
  const child = spawn('npx', ['tsx', 'tests/e2e/serve.ts'], {
    env: { ...process.env, E2E_PORT: String(port), E2E_MAIL_PORT: String(mailPort) },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://localhost:${port}`;
  // The server runs in a process group of its own: take it down if this script is interrupted.
  const interrupted = () => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the demo server stopped (exit ${child.exitCode}); run npm run build first?`);
    if (await health()) return { url, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the demo server did not answer on ${url} within 2 minutes`);
}
