/**
 * `npm run bench`: requests/s and latency of the anonymous home page, beside a raw node:http
 * server sending the same bytes (and with the page cache bypassed), measured in the same run on
 * this machine. Prints figures only; nothing here asserts a limit. Both servers run in their own
 * process; the load comes from this one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../support/server';
import { startRawServer, stop, waitFor } from './processes';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

type Result = { label: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function load(label: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 }); // warm-up
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export function printTable(title: string, results: Result[]) {
  console.log(`\n${title} (${CONNECTIONS} connections, ${DURATION} s each)`);
  console.log('target'.padEnd(44), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7));
  for (const r of results) {
    console.log(
      r.label.padEnd(44),
      r.rps.toFixed(0).padStart(9),
      String(r.p50).padStart(8),
      String(r.p99).padStart(8),
      String(r.errors + r.non2xx).padStart(7),
    );
  }
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'townsquare-bench-'));
  const appPort = await freePort();
  const app = spawn(process.execPath, ['build/server.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(appPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SMTP_URL: '',
    },
    stdio: 'inherit',
  });
  const appUrl = `http://127.0.0.1:${appPort}/`;
  await waitFor(appUrl);

  // The baseline serves exactly the bytes and content type the app sent for the same page.
  const sample = await fetch(appUrl, { headers: { 'Accept-Encoding': 'identity' } });
  const body = Buffer.from(await sample.arrayBuffer());
  const raw = await startRawServer(body, dataDir, 'home.html');

  try {
    const baseline = await load('raw node:http, same bytes', raw.url);
    const home = await load('Townsquare home (anonymous)', appUrl);
    // The page rendered for every request: a cookie the page cache does not know makes it pass.
    const rendered = await load('same, page cache bypassed', appUrl, { Cookie: 'bench=1' });
    printTable(`Anonymous home page, ${body.length} bytes`, [baseline, home, rendered]);
    console.log(
      `ratio: Townsquare serves ${((home.rps / baseline.rps) * 100).toFixed(1)}% of the baseline's requests/s; p99 ${home.p99} ms vs ${baseline.p99} ms`,
    );
  } finally {
    await Promise.all([stop(app), stop(raw.child)]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Run directly (npm run bench), not when another bench imports printTable.
if (import.meta.url === `file://${process.argv[1]}`) await main();
