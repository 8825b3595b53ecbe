import { Form, Link, NavLink, useLocation } from '@remix-run/react';
import { useEffect, useState, type ReactNode } from 'react';
import { useLive } from '~/modules/realtime/use-live';
import { useTranslation } from 'react-i18next';
import { languageName, supportedLanguages } from '~/lib/i18n';
import { useRootData } from '~/lib/root-data';
import { CsrfField } from './forms';

/** The page shell: skip link, header with the city's name, navigation, language switch, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { city, user, nav, flash, unread, since } = useRootData();
  return (
    <>
      <a href="#main" className="skip-link">
        {t('layout.skip')}
      </a>
      <header className="site-header">
        <div className="header-row container">
          <Link to="/" className="brand">
            <span className="brand-city">{city.name}</span>
            <span className="brand-app">Townsquare</span>
          </Link>
          <LanguageSwitch />
        </div>
        <nav aria-label={t('layout.nav')} className="site-nav container">
          <ul>
            <NavItems
              items={[
                { to: '/', label: t('layout.home'), end: true },
                { to: '/channels', label: t('layout.channels') },
                { to: '/search', label: t('layout.search') },
                { to: '/surveys', label: t('layout.surveys') },
                { to: '/groups', label: t('layout.groups') },
                { to: '/budgets', label: t('layout.budgets') },
                { to: '/requests/new', label: t('layout.report') },
                nav.moderation ? { to: '/moderation', label: t('layout.moderation') } : null,
                nav.requestQueue ? { to: '/staff/requests', label: t('layout.requestQueue') } : null,
                nav.staff ? { to: '/staff', label: t('layout.staff') } : null,
                nav.surveys ? { to: '/staff/surveys', label: t('layout.manageSurveys') } : null,
                nav.admin ? { to: '/admin', label: t('layout.admin') } : null,
              ]}
            />
            {user ? (
              <>
                <li>
                  <NotificationsLink userId={user.id} unread={unread} since={since} />
                </li>
                <NavItems
                  items={[
                    { to: '/requests', label: t('layout.myRequests'), end: true },
                    { to: '/account', label: t('layout.account') },
                  ]}
                />
                <li>
                  <Form method="post" action="/signout" className="inline-form">
                    <CsrfField />
                    <button type="submit" className="link-button">
                      {t('layout.signOut')}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <NavItems
                items={[
                  { to: '/signin', label: t('layout.signIn') },
                  { to: '/signup', label: t('layout.signUp') },
                ]}
              />
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="container">
        {flash ? (
          <div role="status" className={`alert alert-${flash.kind}`}>
            {t(flash.key, flash.values)}
          </div>
        ) : null}
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('layout.footer', { city: city.name })}</p>
        </div>
      </footer>
    </>
  );
}

/** Links of the site navigation, one list item each; a link a person may not use is null. */
function NavItems({ items }: { items: ({ to: string; label: string; end?: boolean } | null)[] }) {
  return (
    <>
      {items.map((item) =>
        item ? (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end}>
              {item.label}
            </NavLink>
          </li>
        ) : null,
      )}
    </>
  );
}

/** "Notifications (3 new)", kept current live through the person's own room. */
function NotificationsLink({ userId, unread, since }: { userId: string; unread: number; since: number }) {
  const { t } = useTranslation('notifications');
  const [count, setCount] = useState(unread);
  useEffect(() => setCount(unread), [unread]);
  useLive([`user:${userId}`], since, (event) => {
    if (typeof event.payload.unread === 'number') setCount(event.payload.unread);
  });
  return <NavLink to="/notifications">{t('nav', { count })}</NavLink>;
}

/** Posts to /language; works without JavaScript and returns to the same page. */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const current = i18n.language;
  return (
    <Form method="post" action="/language" className="language-switch" aria-label={t('layout.language')}>
      <CsrfField />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {supportedLanguages.map((lng) => (
        <button key={lng} type="submit" name="locale" value={lng} lang={lng} aria-pressed={current === lng} className="link-button">
          {languageName(lng)}
        </button>
      ))}
    </Form>
  );
}
