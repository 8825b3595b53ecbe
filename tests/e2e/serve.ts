import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type AppBuild } from '../../server/app';
import { MailCatcher } from '../support/mail-catcher';

/**
 * Playwright's web server: the production build on a fresh SQLite database (seeded with the
 * demo city), sending its mail over SMTP to a catcher whose inbox tests read over HTTP.
 */
const port = Number(process.env.E2E_PORT ?? 4173);
const mailApiPort = Number(process.env.E2E_MAIL_PORT ?? 4174);

const mail = await new MailCatcher().start();
await mail.serveHttp(mailApiPort);
const dataDir = mkdtempSync(join(tmpdir(), 'townsquare-e2e-'));
// Where specs that arrange rows directly (tests/e2e/helpers.ts e2eDatabaseUrl) find this run's database.
writeFileSync(join(tmpdir(), `townsquare-e2e-${port}.datadir`), dataDir);
Object.assign(process.env, {
  NODE_ENV: 'production',
  DATA_DIR: dataDir,
  SMTP_URL: mail.url,
  PUBLIC_URL: `http://localhost:${port}`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
const build = (await import(pathToFileURL(resolve('build/index.js')).href)) as AppBuild;
const running = await startServer(build, { port, host: '127.0.0.1' });
console.log(`e2e server on ${running.url}, mail API on http://127.0.0.1:${mailApiPort}`);
const stop = () =>
  void running
    .close()
    .then(() => mail.stop())
    .finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
