import { PassThrough } from 'node:stream';
import type { EntryContext } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import i18next, { createInstance, type i18n as I18n } from 'i18next';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { NonceContext } from '~/components/nonce';
import { fallbackLanguage, isLanguage } from '~/lib/i18n';
import { i18nOptions, rememberTranslations } from '~/lib/i18n.server';
import { isDbUnavailable } from '~/lib/db.server';
import { logger } from '~/lib/logger.server';
import type { RequestContext } from '~/lib/request-context.server';
import { errorPage } from '~/lib/error-page.server';
import { getLocale } from '~/modules/identity/locale.server';

// The Express server (server/) reaches the app's modules only through these exports.
export * as lifecycle from '~/lib/server-process.server';
export * as realtime from '~/modules/realtime/socket.server';
export * as pageCache from '~/modules/page-cache/page-cache.server';
export * as open311 from '~/modules/open311/respond.server';

const ABORT_DELAY = 5_000;

// The global instance serves meta() titles (getFixedT per language, no shared state per request).
void i18next.init(i18nOptions());

// One react-i18next instance per language, made once: rendering never changes an instance's
// language (the browser's switch happens client-side), so concurrent requests can share them.
const rendering = new Map<string, Promise<I18n>>();
function renderingInstance(lng: string): Promise<I18n> {
  let instance = rendering.get(lng);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nOptions(), lng })
      .then(() => rememberTranslations(created));
    rendering.set(lng, instance);
  }
  return instance;
}

/**
 * Requests whose loader or action failed because the database is unreachable or cannot write
 * (marked on the load context by handleError): answered 503 with Retry-After and a localized page
 * instead of 500; resource routes get 503 from the Express server (docs/decisions/0017-…).
 */
const unavailable = (context: unknown) => !!(context as RequestContext | undefined)?.databaseUnavailable;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: { cspNonce?: string },
) {
  if (unavailable(loadContext)) return errorPage('unavailable', request);
  // The root loader decided the language (user setting, cookie, Accept-Language).
  // (It does not run for a URL that matches no route: then detect it here.)
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { locale?: string } | undefined;
  const detected = rootData?.locale ?? (await getLocale(request));
  const lng = isLanguage(detected) ? detected : fallbackLanguage;
  const instance = await renderingInstance(lng);
  const nonce = loadContext.cspNonce ?? '';
  const callback = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady';

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** A data request (client-side navigation or form) that met an unavailable database: 503 too. */
export async function handleDataRequest(response: Response, { request, context }: { request: Request; context: object }) {
  return unavailable(context) ? errorPage('unavailable', request) : response;
}

/** Logs unexpected server errors (not 4xx answers, not aborted requests), without request data. */
export function handleError(error: unknown, { request, context }: { request: Request; context?: object }) {
  if (context && isDbUnavailable(error)) {
    (context as RequestContext).databaseUnavailable = true;
    logger().warn(
      { err: error instanceof Error ? error.message : String(error), path: new URL(request.url).pathname },
      'database unavailable',
    );
    return;
  }
  if (request.signal.aborted) return;
  const status = (error as { status?: number } | null)?.status;
  if (typeof status === 'number' && status < 500) return;
  if (error instanceof Error && /No route matches URL/.test(error.message)) return;
  logger().error({ err: error instanceof Error ? error.stack : String(error), path: new URL(request.url).pathname }, 'unhandled error');
}
