import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type AppBuild } from './app';

/** `npm start`: serve the built app; SIGTERM/SIGINT shut down gracefully and exit 0. */
async function main() {
  const build = (await import(pathToFileURL(resolve('build/index.js')).href)) as AppBuild;
  let config;
  try {
    config = build.entry.module.lifecycle.loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const log = build.entry.module.lifecycle.logger();
  const running = await startServer(build);
  log.info({ url: config.PUBLIC_URL, port: config.PORT, engine: config.engine }, 'Townsquare is listening');
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: (error as Error).message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
