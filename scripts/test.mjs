// `npm test`: everything CI runs, in order, stopping at the first failure:
// build → typecheck → lint (oxlint) → format check (oxfmt) → unit + integration tests on
// SQLite → integration tests on PostgreSQL (when TEST_POSTGRES_URL is set; CI always sets it)
// → Playwright end-to-end tests in Chromium.
import { spawnSync } from 'node:child_process';

function run(label, command, args, env = {}) {
  console.log(`\n[test] ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`[test] ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

run('build', 'npm', ['run', 'build']);
run('typecheck', 'npx', ['tsc', '--noEmit']);
run('lint', 'npm', ['run', 'lint']);
run('format check', 'npm', ['run', 'format:check']);
run('vitest (SQLite)', 'npx', ['vitest', 'run']);
if (process.env.TEST_POSTGRES_URL) {
  run('vitest (PostgreSQL)', 'npx', ['vitest', 'run', 'tests/integration'], { TEST_ENGINE: 'postgres' });
} else if (process.env.CI) {
  console.error('[test] CI must test PostgreSQL too: TEST_POSTGRES_URL is not set');
  process.exit(1);
} else {
  console.log('\n[test] skipping PostgreSQL: set TEST_POSTGRES_URL (see scripts/postgres-test-server.sh)');
}
run('playwright', 'npx', ['playwright', 'test']);
