// `npm run dev`: the development server. Remix's classic compiler rebuilds app/ on change
// (`remix watch`), esbuild rebuilds server/ on change, and the server process (build/server.js:
// Express + socket.io, exactly what `npm start` runs) is restarted after each rebuild. The server
// applies pending migrations and seeds the demo city into an empty database at every start, as in
// production. Reload the browser after a rebuild (there is no live reload).
//
// Defaults, each overridden by the environment: PORT 3000, NODE_ENV development, the SQLite
// database in data/dev/ (apart from `npm start`'s data/), LOG_LEVEL info, printed as short lines.
import { serverBuildOptions } from './server-build-options.mjs';
import { spawn } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { context } from 'esbuild';

const require = createRequire(import.meta.url);
/** Marks build/ as a development build, so `npm start` rebuilds before serving it. */
const DEV_MARKER = 'build/.development';

const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  DATA_DIR: process.env.DATA_DIR ?? (process.env.DATABASE_URL ? './data' : './data/dev'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
};

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const say = (text) => console.log(`${paint('36', '[dev]')} ${text}`);

function touchMarker() {
  mkdirSync('build', { recursive: true });
  writeFileSync(DEV_MARKER, 'built by npm run dev; npm start rebuilds\n');
  const now = new Date();
  utimesSync(DEV_MARKER, now, now);
}

// ---- the server process ---------------------------------------------------------------------

const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const LEVEL_COLORS = { warn: '33', error: '31', fatal: '31' };

/** One pino JSON line as a short line: time, level, message, the request or the other fields. */
function prettyLogLine(line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null || !('level' in entry)) return line;
  const { level, time, msg, app: _app, pid: _pid, hostname: _host, req, res, responseTime, reqId: _reqId, ...rest } = entry;
  const name = LEVELS[level] ?? String(level);
  const clock = new Date(time ?? Date.now()).toTimeString().slice(0, 8);
  const text = req && res ? `${req.method} ${req.path} ${res.status} ${responseTime ?? '?'}ms` : (msg ?? '');
  const extra = Object.keys(rest).length && !(req && res) ? ` ${paint('2', JSON.stringify(rest))}` : '';
  return `${paint('2', clock)} ${paint(LEVEL_COLORS[name] ?? '32', name.padEnd(5))} ${text}${extra}`;
}

function pipeLines(stream, write) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) if (line.trim()) write(prettyLogLine(line));
  });
}

let server = null;
let stopping = null;
let shuttingDown = false;

function startServer() {
  const child = spawn(process.execPath, ['--enable-source-maps', 'build/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  pipeLines(child.stdout, (l) => console.log(l));
  pipeLines(child.stderr, (l) => console.error(l));
  child.on('exit', (code, signal) => {
    if (server === child) server = null;
    if (!signal && code !== 0) say(paint('31', `server exited with code ${code}; fix the error and save to restart`));
  });
  server = child;
}

function stopServer() {
  const child = server;
  if (!child) return Promise.resolve();
  stopping ??= new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
    // A server that does not finish its graceful shutdown quickly is not worth waiting for here.
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  }).finally(() => (stopping = null));
  return stopping;
}

const built = { app: false, server: false };
let restartTimer = null;
let restarts = Promise.resolve();

/** Restarts the server once both builds exist, coalescing the rebuilds of one save. */
function scheduleRestart(which) {
  built[which] = true;
  if (!built.app || !built.server || shuttingDown) return;
  clearTimeout(restartTimer);
  restartTimer = setTimeout(() => {
    restarts = restarts.then(async () => {
      const again = Boolean(server);
      await stopServer();
      if (shuttingDown) return;
      say(again ? 'restarting the server' : `starting the server on http://localhost:${env.PORT ?? 3000}`);
      startServer();
    });
  }, 150);
}

// ---- the builds -------------------------------------------------------------------------------

const remixBin = require.resolve('@remix-run/dev/dist/cli.js');
const remix = spawn(process.execPath, [remixBin, 'watch'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
pipeLines(remix.stdout, (line) => {
  // `remix watch` prints "💿 Built in 2.1s" / "💿 Rebuilt in 300ms" when the build is written.
  if (/\b(Built|Rebuilt) in\b/.test(line)) {
    touchMarker();
    say(`app/ built (${line.replace(/^.*\bin /, '')})`);
    scheduleRestart('app');
  } else if (/File (changed|created|deleted)/.test(line)) {
    say(line.replace(/^\W+/, '').toLowerCase());
  } else if (!/Watching Remix app|Building\.\.\.|Rebuilding\.\.\./.test(line)) {
    console.log(line);
  }
});
pipeLines(remix.stderr, (line) => {
  // Vite's notice about its CJS API is noise here.
  if (!/CJS build of Vite/.test(line)) console.error(line);
});
remix.on('exit', (code) => {
  if (!shuttingDown) {
    say(paint('31', `remix watch exited (${code})`));
    void shutDown(1);
  }
});

const serverBuild = await context({
  ...serverBuildOptions,
  plugins: [
    {
      name: 'restart-on-build',
      setup(build) {
        build.onEnd((result) => {
          if (result.errors.length) return;
          say('server/ built');
          scheduleRestart('server');
        });
      },
    },
  ],
});
await serverBuild.watch();
say(`watching app/ and server/ (NODE_ENV=${env.NODE_ENV}, data in ${env.DATABASE_URL ? 'DATABASE_URL' : env.DATA_DIR}); Ctrl-C stops`);

// ---- shutting down ----------------------------------------------------------------------------

async function shutDown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  clearTimeout(restartTimer);
  remix.kill('SIGTERM');
  await serverBuild.dispose();
  await stopServer();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void shutDown(0));
