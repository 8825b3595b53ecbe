import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import expressStaticGzip from 'express-static-gzip';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { loggedPath } from './logged-path';
import { drainOnClose } from './drain';
import { pageCacheMiddleware } from './page-cache';

/** The Remix server build, with the module entry points the app exports for the server. */
export type AppBuild = ServerBuild & {
  entry: {
    module: {
      lifecycle: typeof import('../app/lib/server-process.server');
      realtime: typeof import('../app/modules/realtime/socket.server');
      pageCache: typeof import('../app/modules/page-cache/page-cache.server');
      open311: typeof import('../app/modules/open311/respond.server');
    };
  };
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The one route whose POST may come from another site (app/routes/unsubscribe.tsx). */
const ONE_CLICK_UNSUBSCRIBE = '/unsubscribe';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A proxy's request id when the proxy is trusted and the id is a UUID; otherwise a new one. */
export function requestIdFor(header: string | string[] | undefined, trustProxy: boolean): string {
  if (trustProxy && typeof header === 'string' && UUID.test(header)) return header.toLowerCase();
  return randomUUID();
}

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

  // The request id goes into logs and audit rows: the server makes it. Only behind a trusted
  // proxy (TRUST_PROXY) is the proxy's X-Request-Id kept, and only when it is a UUID.
  const trustProxy = !!env.TRUST_PROXY && env.TRUST_PROXY !== 'false';
  app.use((req, res, next) => {
    res.locals.requestId = requestIdFor(req.headers['x-request-id'], trustProxy);
    res.locals.cspNonce = randomBytes(16).toString('base64');
    res.setHeader('X-Request-Id', res.locals.requestId);
    next();
  });

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (_req, res) => res.locals.requestId,
      // Only method, path (no query string, no secret in it), status and timing: no IPs, cookies or bodies.
      serializers: {
        req: (req) => ({ method: req.method, path: loggedPath(String(req.url)) }),
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
          // Map tiles come from their host (MAP_TILE_URL).
          imgSrc: ["'self'", 'data:', env.mapTileSource],
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
    // RFC 8058: mail providers post the one-click unsubscribe from their own origin, without
    // cookies; that POST is authenticated by the signed token in its URL alone. Its Origin is
    // dropped so Remix's own origin check lets it through too; the route's other form (the
    // page's button) still needs the CSRF token, whose cookie a cross-site post does not carry.
    if (req.method === 'POST' && req.path === ONE_CLICK_UNSUBSCRIBE) {
      delete req.headers.origin;
      return next();
    }
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

  app.use(bodyLimit(lifecycle));

  app.get('/healthz', async (_req, res) => {
    const { ok, body } = await lifecycle.health();
    res
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(body);
  });

  // Fingerprinted assets never change; everything else in public/ may. Scripts and styles are
  // sent as the Brotli or gzip copies written at build time (scripts/precompress.mjs).
  app.use(
    '/build',
    expressStaticGzip(resolve('public/build'), {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      serveStatic: { immutable: true, maxAge: '1y' },
    }),
  );
  // Only paths under what public/ holds are looked up on disk: a page's path never waits on a stat.
  const publicFiles = express.static(resolve('public'), { maxAge: '1h' });
  const inPublic = new Set(readdirSync(resolve('public')).filter((name) => name !== 'build'));
  app.use((req, res, next) => (inPublic.has(req.path.split('/')[1] ?? '') ? publicFiles(req, res, next) : next()));
  app.use('/locales', express.static(resolve(process.env.LOCALES_DIR || 'locales'), { maxAge: '1h', fallthrough: false }));

  // Anonymous readers of thread and channel pages may be served a page rendered seconds ago.
  app.use(pageCacheMiddleware(build.entry.module.pageCache));
  const remix = createRequestHandler({
    build,
    mode: env.isProduction ? 'production' : 'development',
    getLoadContext: (req, res) =>
      (res.locals.loadContext = {
        requestId: res.locals.requestId,
        cspNonce: res.locals.cspNonce,
        clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      }),
  });
  // Mounted without a path pattern: Express would decode a `*` parameter itself and answer a
  // malformed percent-encoding with its own HTML 400; Remix and the routes decide instead (Open311
  // answers with its error list).
  app.use((req, res, next) => {
    // A resource route (feed, CSV, JSON) whose database failed answers 503 with Retry-After, not
    // 500 (pages get their 503 page from entry.server, which marks the load context).
    const status = res.status.bind(res);
    res.status = (code: number) =>
      code === 500 && res.locals.loadContext?.databaseUnavailable
        ? status(503).set('Retry-After', String(lifecycle.RETRY_AFTER_SECONDS))
        : status(code);
    remix(res.locals.body ? withBody(req, res.locals.body) : req, res, next);
  });
  return { app, allowedOrigins: [...allowedOrigins] };
}

/**
 * Request input limits (README, "Limits"): a Content-Length over the limit is answered 413
 * before anything is read, and the connection closed; a chunked body is read up to the limit
 * (413 past it) and handed on to Remix from memory (withBody).
 */
function bodyLimit(lifecycle: AppBuild['entry']['module']['lifecycle']): express.RequestHandler {
  const answer = async (kind: 'tooLarge' | 'badRequest', req: express.Request, res: express.Response) => {
    const url = `http://localhost${req.originalUrl}`;
    const page = await lifecycle.errorPage(kind, new Request(url, { headers: pick(req.headers, ['accept', 'accept-language', 'cookie']) }));
    res.status(page.status).set(Object.fromEntries(page.headers));
    if (kind === 'tooLarge') res.set('Connection', 'close');
    res.end(Buffer.from(await page.arrayBuffer()));
  };
  return (req, res, next) => {
    // A NUL in the URL (%00) is refused: no page takes one, and PostgreSQL cannot compare text
    // with it. (Text in bodies is cleaned where forms are read: app/lib/form-body.server.ts.)
    if (/%00|\0/i.test(req.originalUrl)) return void answer('badRequest', req, res).catch(next);
    if (SAFE_METHODS.has(req.method)) return next();
    const limit = lifecycle.bodyLimit(req.headers['content-type']);
    const refuse = () => answer('tooLarge', req, res);
    const length = req.headers['content-length'];
    if (length !== undefined) return Number(length) > limit ? void refuse().catch(next) : next();
    if (req.headers['transfer-encoding'] === undefined) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).pause();
      void refuse().catch(next);
    };
    const onEnd = () => {
      req.off('error', onError);
      res.locals.body = Buffer.concat(chunks);
      next();
    };
    // A client that goes away mid-body: nothing to answer, nothing kept.
    const onError = () => req.off('data', onData).off('end', onEnd);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  };
}

function pick(headers: Record<string, string | string[] | undefined>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) if (typeof headers[name] === 'string') out[name] = headers[name] as string;
  return out;
}

/** The request as Remix's adapter reads it, with a body already read into memory. */
function withBody(req: express.Request, body: Buffer): express.Request {
  const headers = { ...req.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  return Object.assign(Readable.from([body]), {
    method: req.method,
    headers,
    url: req.url,
    originalUrl: req.originalUrl,
    protocol: req.protocol,
    hostname: req.hostname,
    ip: req.ip,
    socket: req.socket,
    get: req.get.bind(req),
  }) as unknown as express.Request;
}

export type RunningServer = { server: Server; url: string; close(): Promise<void> };

/**
 * Migrates, seeds, then serves HTTP and socket.io on one port. close() stops accepting, drains
 * keep-alive connections (server/drain.ts), lets requests in flight finish, drops sockets and
 * closes the database.
 */
export async function startServer(build: AppBuild, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const { lifecycle, realtime } = build.entry.module;
  const env = lifecycle.loadConfig();
  await lifecycle.startUp();
  const { app, allowedOrigins } = createApp(build);
  const server = createServer(app);
  const sockets = await realtime.attachRealtime(server, { allowedOrigins });
  // After socket.io, so its polling requests are drained like any other.
  const http = drainOnClose(server);
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
        // Stop accepting; busy keep-alive connections end after their current request.
        const drained = http.drain();
        await sockets.close();
        await drained;
        build.entry.module.pageCache.clearPageCache();
        await lifecycle.shutDown();
      })();
      return closing;
    },
  };
}
