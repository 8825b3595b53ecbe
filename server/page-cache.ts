import type { RequestHandler } from 'express';
import type { AppBuild } from './app';

type PageCache = AppBuild['entry']['module']['pageCache'];

/**
 * Serves forum pages to anonymous readers from the app's short-lived page cache, and fills it
 * from Remix's own responses (app/modules/page-cache/page-cache.server.ts decides what may be
 * cached and personalizes each hit). `X-Page-Cache: hit | miss` tells which happened.
 */
export function pageCacheMiddleware(cache: PageCache): RequestHandler {
  return async (req, res, next) => {
    const key = cache.pageKey({
      method: req.method,
      url: req.originalUrl,
      cookie: req.headers.cookie,
      acceptLanguage: req.headers['accept-language'],
    });
    if (!key) return next();
    const nonce = res.locals.cspNonce as string;
    const hit = cache.cachedPage(key);
    if (hit) {
      try {
        const { body, setCookie } = await cache.personalPage(hit, req.headers.cookie, nonce);
        res.status(200).set({ 'Content-Type': hit.contentType, 'X-Page-Cache': 'hit' });
        if (setCookie) res.append('Set-Cookie', setCookie);
        res.end(body);
      } catch (error) {
        next(error);
      }
      return;
    }
    res.setHeader('X-Page-Cache', 'miss');
    // Remix streams the page through write()/end(): keep a copy for the cache.
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    const keep = (chunk: unknown) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string | Uint8Array));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => (keep(chunk), write(chunk, ...rest))) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => (keep(chunk), end(chunk, ...rest))) as typeof res.end;
    res.on('finish', () => {
      const contentType = String(res.getHeader('Content-Type') ?? '');
      if (res.statusCode === 200) cache.storePage(key, { body: Buffer.concat(chunks).toString('utf8'), contentType, nonce });
    });
    next();
  };
}
