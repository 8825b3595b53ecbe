/**
 * `npm run bench` (import part): the legacy import of 10,000 generated rows through the real CLI
 * on a fresh SQLite database (or BENCH_DATABASE_URL, e.g. an empty PostgreSQL database), beside
 * the dry run of the same file in the same run (reading and validating only: the floor the
 * writing adds to), then the same file again (every row already present). Prints, never asserts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { legacyCsv } from '../support/legacy-csv';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'townsquare-import-bench-'));
const env = {
  ...process.env,
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `file:${join(dir, 'bench.db')}`,
  DATA_DIR: dir,
  LOG_LEVEL: 'silent',
};
const run = (args: string[]) => {
  const started = performance.now();
  const out = spawnSync('npx', ['tsx', ...args], { env, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${args.join(' ')} failed: ${out.stderr}`);
  return { seconds: (performance.now() - started) / 1000, stdout: out.stdout };
};
/** The import's own figure from the CLI summary ("12.34 s (810 rows/s)"), without process start-up. */
const own = (stdout: string) => Number(/([\d.]+) s \(\d+ rows\/s\)/.exec(stdout)?.[1] ?? NaN);

try {
  const file = join(dir, 'legacy.csv');
  writeFileSync(file, legacyCsv(ROWS, 'BENCH'));
  run(['scripts/db-migrate.ts']);
  run(['scripts/db-seed.ts']);
  const results = [
    { label: `dry run (read + validate ${ROWS} rows)`, ...run(['scripts/import-requests.ts', file, '--dry-run']) },
    { label: `import ${ROWS} rows`, ...run(['scripts/import-requests.ts', file]) },
    { label: `same file again (all already present)`, ...run(['scripts/import-requests.ts', file]) },
  ];
  console.log(`\nLegacy import (${env.DATABASE_URL.startsWith('file:') ? 'SQLite' : 'PostgreSQL'})`);
  console.log('step'.padEnd(44), 'import s'.padStart(9), 'rows/s'.padStart(9), 'process s'.padStart(10));
  for (const r of results) {
    const s = own(r.stdout);
    console.log(
      r.label.padEnd(44),
      s.toFixed(2).padStart(9),
      Math.round(ROWS / s)
        .toString()
        .padStart(9),
      r.seconds.toFixed(2).padStart(10),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
