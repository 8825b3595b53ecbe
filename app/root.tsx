import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LinkNavigation } from '~/components/link';
import { useChangeLanguage } from 'remix-i18next/react';
import { Layout } from '~/components/layout';
import { useNonce } from '~/components/nonce';
import { takeFlash } from '~/lib/flash.server';
import { supportedLanguages } from '~/lib/i18n';
import { localeResources } from '~/lib/i18n.server';
import { csrf } from '~/lib/security.server';
import { useOptionalRootData } from '~/lib/root-data';
import { adminSections, can } from '~/modules/identity/policy';
import { getLocale } from '~/modules/identity/locale.server';
import { getUser } from '~/modules/identity/session.server';
import { getCity } from '~/modules/places/queries.server';
import { moderatedChannelIds, moderatesAny } from '~/modules/moderation/queries.server';
import { unreadCount } from '~/modules/notifications/queries.server';
import { latestEventId } from '~/modules/realtime/publish.server';
import styles from '~/styles/app.css';
import { handledDepartments } from '~/modules/requests/policy';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'manifest', href: '/manifest.webmanifest' },
];

/** A 429 thrown by any route keeps its Retry-After on the rendered error page. */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = errorHeaders?.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale, city, [csrfToken, csrfCookie], { flash, setCookie }] = await Promise.all([
    getUser(request),
    getLocale(request),
    getCity(),
    csrf().commitToken(request),
    takeFlash(request),
  ]);
  const headers = new Headers();
  if (csrfCookie) headers.append('Set-Cookie', csrfCookie);
  if (setCookie) headers.append('Set-Cookie', setCookie);
  const { version, namespaces } = localeResources();
  // The header's live notification count starts from these (signed-in readers only).
  // since is read before the count: an event committed in between is then replayed, not lost.
  const since = user ? await latestEventId() : 0;
  const unread = user ? await unreadCount(user.id) : 0;
  return json(
    {
      locale,
      i18n: { version, namespaces },
      city: { name: city.name, timeZone: city.timeZone, accentColor: city.accentColor, logoId: city.logoId },
      user: user && {
        id: user.id,
        displayName: user.displayName,
        verified: !!user.emailVerifiedAt,
        legalPending: !!user.legalPending,
      },
      unread,
      since,
      nav: {
        moderation: !!user && moderatesAny(await moderatedChannelIds(user)),
        staff: can(user, 'read:staff-directory'),
        surveys: can(user, 'manage:survey'),
        requestQueue: !!handledDepartments(user),
        admin: adminSections(user).length > 0,
      },
      csrf: csrfToken,
      flash,
    },
    { headers },
  );
}

function Document({
  children,
  lang,
  i18n,
  title,
  accentColor,
}: {
  children: React.ReactNode;
  lang: string;
  i18n?: { version: string; namespaces: string[] };
  title?: string;
  /** The city's accent (#rrggbb), laid over the default tokens by /theme.css */
  accentColor?: string | null;
}) {
  const nonce = useNonce();
  const { t } = useTranslation();
  return (
    <html
      lang={lang}
      dir="ltr"
      data-languages={supportedLanguages.join(',')}
      data-i18n-version={i18n?.version}
      data-i18n-ns={i18n?.namespaces.join(',')}
    >
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* The tokens follow the system's light or dark setting (app/styles/app.css). */}
        <meta name="color-scheme" content="light dark" />
        <meta name="theme-color" content={accentColor ?? '#0b5d3b'} />
        {/* What search engines and link previews show under the page's title (Lighthouse's SEO check). */}
        <meta name="description" content={t('layout.description')} />
        {title ? <title>{title}</title> : <Meta />}
        <Links />
        {accentColor ? <link rel="stylesheet" href={`/theme.css?accent=${accentColor.slice(1)}`} /> : null}
      </head>
      <body>
        <LinkNavigation>{children}</LinkNavigation>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  // After a language switch the server renders the new language; the browser follows.
  useChangeLanguage(data.locale);
  return (
    <Document lang={data.locale} i18n={data.i18n} accentColor={data.city.accentColor}>
      <Layout>
        <Outlet />
      </Layout>
    </Document>
  );
}

/** Localized error pages: 400, 403, 404, 429 (with the wait) and anything unexpected. */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useOptionalRootData();
  const { t, i18n } = useTranslation();
  let kind = 'unexpected';
  let retryAfter: number | undefined;
  if (isRouteErrorResponse(error)) {
    const status = error.status;
    const body = (error.data ?? {}) as { error?: string; retryAfter?: number };
    const byStatus: Record<number, string> = {
      404: 'notFound',
      429: 'rateLimited',
      400: 'badRequest',
      413: 'tooLarge',
      503: 'unavailable',
    };
    kind = status === 403 ? (body.error === 'csrf' ? 'csrf' : 'forbidden') : (byStatus[status] ?? 'unexpected');
    retryAfter = body.retryAfter;
  }
  const content = (
    <div className="stack">
      <h1>{t(`errors.${kind}.title`)}</h1>
      <p>{t(`errors.${kind}.body`, { minutes: Math.max(1, Math.ceil((retryAfter ?? 60) / 60)) })}</p>
      <p>
        <a href="/">{t('errors.home')}</a>
      </p>
    </div>
  );
  return (
    <Document
      lang={data?.locale ?? (i18n.language || 'en')}
      i18n={data?.i18n}
      accentColor={data?.city.accentColor}
      title={`${t(`errors.${kind}.title`)} · ${data?.city.name ?? 'Townsquare'}`}
    >
      {data ? (
        <Layout>{content}</Layout>
      ) : (
        <main id="main" className="container">
          {content}
        </main>
      )}
    </Document>
  );
}
