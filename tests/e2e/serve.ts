import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
// Map tiles (MAP_TILE_URL): there is no internet here, so every tile is a 1×1 PNG from a port the
// system picks, and a page with a map logs no failed load.
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const tiles = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(TILE));
await new Promise<void>((listening) => tiles.listen(0, '127.0.0.1', listening));
const tilePort = (tiles.address() as AddressInfo).port;
const dataDir = mkdtempSync(join(tmpdir(), 'townsquare-e2e-'));
// Where specs find this server's database, to arrange what no screen makes yet (e2eDatabaseUrl).
writeFileSync(join(tmpdir(), `townsquare-e2e-${port}.json`), JSON.stringify({ databaseUrl: `file:${join(dataDir, 'townsquare.db')}` }));
Object.assign(process.env, {
  NODE_ENV: 'production',
  DATA_DIR: dataDir,
  SMTP_URL: mail.url,
  PUBLIC_URL: `http://localhost:${port}`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  MAP_TILE_URL: `http://127.0.0.1:${tilePort}/{z}/{x}/{y}.png`,
});
const build = (await import(pathToFileURL(resolve('build/index.js')).href)) as AppBuild;
const running = await startServer(build, { port, host: '127.0.0.1' });
console.log(`e2e server on ${running.url}, mail API on http://127.0.0.1:${mailApiPort}`);
const stop = () =>
  void running
    .close()
    .then(() => mail.stop())
    .then(() => tiles.close())
    .finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
