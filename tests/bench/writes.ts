import { cpuMs } from './processes';

/**
 * Writes measured the same way in every bench (forum replies, survey answers): 10 concurrent
 * loops posting for a given time, a write counting when it answers 303, with latency percentiles
 * and the server's CPU time per write (from /proc), and the table that prints them.
 */
export type WriteFigures = { rps: number; errors: number; p50: number; p99: number; cpuPerWrite?: number | null };

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
  const cpuBefore = cpuMs(server);
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
  const cpuAfter = cpuMs(server);
  latencies.sort((a, b) => a - b);
  return {
    rps: ok / seconds,
    errors,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    cpuPerWrite: cpuBefore !== null && cpuAfter !== null && ok ? (cpuAfter - cpuBefore) / ok : null,
  };
}

/** The table of write figures, one row per measurement (a baseline has no CPU figure). */
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
      (x.cpuPerWrite === undefined || x.cpuPerWrite === null ? '—' : x.cpuPerWrite.toFixed(2)).padStart(21),
    );
  }
}
