import { createServer } from 'node:http';
import autocannon from 'autocannon';
import { freePort } from '../support/server';
import { cpuMs } from './processes';

/**
 * Writes measured the same way in every bench (forum replies, survey answers): 10 concurrent
 * loops posting for a given time, a write counting when it answers 303, with latency percentiles
 * and the server's CPU time per write (from /proc), and the table that prints them.
 */
export type WriteFigures = {
  rps: number;
  errors: number;
  p50: number;
  p99: number;
  /** The server's CPU per write: the whole process, and JavaScript's main thread alone. */
  cpuPerWrite?: { process: number; mainThread: number } | null;
};

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** `post(n)` (the n-th write) from 10 concurrent loops for `seconds`; `server` is the app's process id. */
export async function timedWrites(
  seconds: number,
  server: number | undefined,
  post: (n: number) => Promise<Response>,
): Promise<WriteFigures> {
  let ok = 0;
  let errors = 0;
  let next = 0;
  const latencies: number[] = [];
  const cpuBefore = [cpuMs(server), cpuMs(server, true)];
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const res = await post(next++);
        await res.arrayBuffer();
        latencies.push(performance.now() - started);
        if (res.status === 303) ok++;
        else errors++;
      }
    }),
  );
  const cpuAfter = [cpuMs(server), cpuMs(server, true)];
  latencies.sort((a, b) => a - b);
  return {
    rps: ok / seconds,
    errors,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    cpuPerWrite:
      ok && [...cpuBefore, ...cpuAfter].every((c) => c !== null)
        ? { process: (cpuAfter[0]! - cpuBefore[0]!) / ok, mainThread: (cpuAfter[1]! - cpuBefore[1]!) / ok }
        : null,
  };
}

/** The table of write figures, one row per measurement (a baseline has no CPU figure; the main thread's in brackets). */
export function printWrites(title: string, cpuHeader: string, rows: readonly (readonly [string, WriteFigures])[]) {
  console.log(`\n${title}`);
  console.log(
    'target'.padEnd(44),
    'per s'.padStart(9),
    'errors'.padStart(7),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    cpuHeader.padStart(21),
  );
  for (const [label, x] of rows) {
    console.log(
      label.padEnd(44),
      x.rps.toFixed(0).padStart(9),
      String(x.errors).padStart(7),
      String(x.p50).padStart(8),
      String(x.p99).padStart(8),
      (x.cpuPerWrite ? `${x.cpuPerWrite.process.toFixed(2)} (${x.cpuPerWrite.mainThread.toFixed(2)})` : '—').padStart(21),
    );
  }
}

/** The baseline of a write: raw node:http reading a form post of the same size and answering 303. */
export async function rawPostLoad(bodySize: number, seconds: number): Promise<WriteFigures> {
  const port = await freePort();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(303, { Location: '/thanks' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const r = await autocannon({
    url: `http://127.0.0.1:${port}/`,
    method: 'POST',
    body: 'x'.repeat(bodySize),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    connections: 10,
    duration: seconds,
  });
  server.close();
  return { rps: r.requests.average, errors: r.errors + r.non2xx - r['3xx'], p50: r.latency.p50, p99: r.latency.p99 };
}
