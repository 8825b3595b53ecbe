import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { pageCacheMiddleware } from './page-cache';

/** The Remix server build, with the module entry points the app exports for the server. */
export type AppBuild = ServerBuild & {
  entry: {
    module: {
      lifecycle: typeof import('../app/modules/jobs/lifecycle.server');
      realtime: typeof import('../app/modules/realtime/socket.server');
      pageCache: typeof import('../app/modules/realtime/page-cache.server');
      open311: typeof import('../app/modules/open311/respond.server');
    };
  };
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Express in front of Remix: security headers with a per-request CSP nonce, compression,
 * request logs without personal data, the cross-site request check, static files, /healthz.
 */
export function createApp(build: AppBuild) {
  const { lifecycle } = build.entry.module;
  const env = lifecycle.loadConfig();
  const log = lifecycle.logger();
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer, TRUST_PROXY (a hop count or the proxies' addresses, never "trust
  // everything") lets req.ip, and so the per-IP rate limits, come from X-Forwarded-For.
  if (env.TRUST_PROXY && env.TRUST_PROXY !== 'false') {
    app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY.split(',').map((a) => a.trim()));
  }

  app.use((req, res, next) => {
    res.locals.requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    res.locals.cspNonce = randomBytes(16).toString('base64');
    res.setHeader('X-Request-Id', res.locals.requestId);
    next();
  });

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (_req, res) => res.locals.requestId,
      // Only method, path (no query string), status and timing: no IPs, cookies or bodies.
      serializers: {
        req: (req) => ({ method: req.method, path: String(req.url).split('?')[0] }),
        res: (res) => ({ status: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
    }),
  );

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: env.secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: env.secureCookies ? { maxAge: 63072000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(compression());

  const allowedOrigins = new Set([new URL(env.PUBLIC_URL).origin]);
  // Cross-site writes are refused before any action runs (the CSRF token is checked as well).
  // Under /open311/ the refusal is the API's error list (JSON or XML, with its CORS header).
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const sameHost = origin ? origin === `${req.protocol}://${req.headers.host}` : true;
    if ((site && site !== 'same-origin' && site !== 'none') || (origin && !allowedOrigins.has(origin) && !sameHost)) {
      const api = build.entry.module.open311.open311Refusal(req.path, 403, 'Cross-site request refused');
      if (api) res.status(api.status).set(api.headers).send(api.body);
      else res.status(403).type('text/plain').send('Cross-site request refused');
      return;
    }
    next();
  });

  app.get('/healthz', async (_req, res) => {
    const { ok, body } = await lifecycle.health();
    res.status(ok ? 200 : 503).set('Cache-Control', 'no-store').json(body);
  });

  // Fingerprinted assets never change; everything else in public/ may.
  app.use('/build', express.static(resolve('public/build'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(resolve('public'), { maxAge: '1h' }));
  app.use('/locales', express.static(resolve('locales'), { maxAge: '1h', fallthrough: false }));

  // Anonymous readers of thread and channel pages may be served a page rendered seconds ago.
  app.use(pageCacheMiddleware(build.entry.module.pageCache));
  // Mounted without a path pattern: Express would decode a `*` parameter itself and answer a
  // malformed percent-encoding with its own HTML 400; Remix and the routes decide instead (Open311
  // answers with its error list).
  app.use(
    createRequestHandler({
      build,
      mode: env.isProduction ? 'production' : 'development',
      getLoadContext: (req, res) => ({
        requestId: res.locals.requestId,
        cspNonce: res.locals.cspNonce,
        clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      }),
    }),
  );
  return { app, allowedOrigins: [...allowedOrigins] };
}

export type RunningServer = { server: Server; url: string; close(): Promise<void> };

/**
 * Migrates, seeds, then serves HTTP and socket.io on one port. close() stops accepting, lets
 * requests in flight finish, drops sockets and closes the database.
 */
export async function startServer(build: AppBuild, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const { lifecycle, realtime } = build.entry.module;
  const env = lifecycle.loadConfig();
  await lifecycle.startUp();
  const { app, allowedOrigins } = createApp(build);
  const server = createServer(app);
  const sockets = await realtime.attachRealtime(server, { allowedOrigins });
  const port = options.port ?? env.PORT;
  const host = options.host ?? env.HOST;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://localhost:${actualPort}`,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((ok) => server.close(() => ok()));
        await sockets.close();
        server.closeIdleConnections();
        // Requests in flight get a grace period, then remaining connections are cut.
        const timer = setTimeout(() => server.closeAllConnections(), 10_000);
        await stopped;
        clearTimeout(timer);
        build.entry.module.pageCache.clearPageCache();
        await lifecycle.shutDown();
      })();
      return closing;
    },
  };
}
