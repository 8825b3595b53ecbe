import { Form, NavLink, useLocation } from '@remix-run/react';
import { Link } from '~/components/link';
import { Toast } from '~/components/ui/toast';
import CircleUser from 'lucide-react/icons/circle-user';
import House from 'lucide-react/icons/house';
import Info from 'lucide-react/icons/info';
import Landmark from 'lucide-react/icons/landmark';
import LogIn from 'lucide-react/icons/log-in';
import MapPinPlus from 'lucide-react/icons/map-pin-plus';
import Menu from 'lucide-react/icons/menu';
import MessagesSquare from 'lucide-react/icons/messages-square';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLive } from '~/modules/realtime/use-live';
import { useTranslation } from 'react-i18next';
import { languageName, supportedLanguages } from '~/lib/i18n';
import { useRootData } from '~/lib/root-data';
import { logoUrl } from '~/modules/places/logo';
import { SITE_PAGE_KEYS } from '~/modules/site-pages/keys';
import { CsrfField } from './ui/forms';

/**
 * The page shell: skip link, a compact header (the city's name, the navigation, the language
 * switch), the page, the footer. On a phone the navigation folds into a "Menu" disclosure (a plain
 * <details>, so it opens without JavaScript) and a bar at the bottom keeps the four main places
 * one tap away; from 48rem the navigation is laid out in the header. Only one copy of the
 * navigation is displayed at a width (the other is display: none, so out of the accessibility tree).
 */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { city, flash, user } = useRootData();
  // With JavaScript, pages change without a reload: the menu closes on each, as it would on a load.
  // Only on a change of page: a menu opened before hydration must stay open when React takes over.
  const menu = useRef<HTMLDetailsElement>(null);
  const { key, pathname, search } = useLocation();
  const shownKey = useRef(key);
  useEffect(() => {
    if (shownKey.current === key) return;
    shownKey.current = key;
    if (menu.current) menu.current.open = false;
  }, [key]);
  return (
    <>
      <a href="#main" className="skip-link">
        {t('layout.skip')}
      </a>
      <header className="site-header">
        <div className="header-bar container">
          <Link to="/" className="brand">
            {/* The logo names the city; its written name beside it is then not read twice. */}
            {city.logoId ? (
              <img src={logoUrl(city.logoId)} alt={city.name} className="brand-logo" />
            ) : (
              <Landmark aria-hidden="true" className="brand-mark" />
            )}
            <span className="brand-text">
              <span className="brand-city" aria-hidden={city.logoId ? true : undefined}>
                {city.name}
              </span>
              <span className="brand-app">Townsquare</span>
            </span>
          </Link>
          <div className="header-wide">
            <LanguageSwitch />
          </div>
          <details className="site-menu" ref={menu}>
            <summary>
              <Menu aria-hidden="true" className="icon" />
              {t('layout.menu')}
            </summary>
            <div className="site-menu-panel">
              <MainNav label={t('layout.menuNav')} />
              <LanguageSwitch landmark={false} />
            </div>
          </details>
        </div>
        <div className="header-wide container">
          <MainNav />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container">
        {flash ? (
          <Toast kind={flash.kind} closeLabel={t('layout.closeMessage')}>
            {t(flash.key, flash.values)}
          </Toast>
        ) : null}
        {user?.legalPending && pathname !== '/accept-terms' ? (
          // Changed terms: reading goes on, acting waits for them to be accepted (legal-acceptance.server).
          <div className="alert alert-info">
            <Info aria-hidden="true" className="icon" />
            <p>
              {t('layout.termsChanged')}{' '}
              <Link to={`/accept-terms?${new URLSearchParams({ redirectTo: pathname + search })}`}>{t('layout.termsReview')}</Link>
            </p>
          </div>
        ) : null}
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <nav aria-label={t('pages:footerNav')} className="footer-nav">
            <ul>
              {SITE_PAGE_KEYS.map((key) => (
                <li key={key}>
                  <Link to={`/${key}`}>{t(`pages:titles.${key}`)}</Link>
                </li>
              ))}
            </ul>
          </nav>
          <p>{t('layout.footer', { city: city.name })}</p>
        </div>
      </footer>
      <TabBar />
    </>
  );
}

/**
 * Every destination a person may use: the city's places, then their role's, then their own. The
 * menu's copy has a name of its own: landmarks are named uniquely, even when CSS shows one.
 */
function MainNav({ label }: { label?: string }) {
  const { t } = useTranslation();
  const { user, nav, unread, since } = useRootData();
  return (
    <nav aria-label={label ?? t('layout.nav')} className="site-nav">
      <ul>
        <NavItems
          items={[
            { to: '/', label: t('layout.home'), end: true },
            { to: '/channels', label: t('layout.channels') },
            { to: '/latest', label: t('layout.latest') },
            { to: '/search', label: t('layout.search') },
            { to: '/surveys', label: t('layout.surveys') },
            { to: '/groups', label: t('layout.groups') },
            { to: '/budgets', label: t('layout.budgets') },
            { to: '/requests/new', label: t('layout.report') },
            { to: '/requests', label: t('layout.requestsMap'), end: true },
            nav.moderation ? { to: '/moderation', label: t('layout.moderation') } : null,
            nav.requestQueue ? { to: '/staff/requests', label: t('layout.requestQueue') } : null,
            nav.staff ? { to: '/staff', label: t('layout.staff'), end: true } : null,
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
                { to: '/requests/mine', label: t('layout.myRequests') },
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
  );
}

/** The phone's bottom bar: home, channels, reporting a problem, and one's notifications (or signing in). */
function TabBar() {
  const { t } = useTranslation();
  const { user } = useRootData();
  const items = [
    { to: '/', label: t('layout.home'), Icon: House, end: true },
    { to: '/channels', label: t('layout.channels'), Icon: MessagesSquare },
    { to: '/requests/new', label: t('layout.reportShort'), Icon: MapPinPlus },
    user ? { to: '/account', label: t('layout.me'), Icon: CircleUser } : { to: '/signin', label: t('layout.signIn'), Icon: LogIn },
  ];
  return (
    <nav aria-label={t('layout.tabs')} className="tab-bar">
      <ul>
        {items.map(({ to, label, Icon, end }) => (
          <li key={to}>
            <NavLink to={to} end={end}>
              <Icon aria-hidden="true" className="icon" />
              <span>{label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
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

/**
 * Posts to /language; works without JavaScript and returns to the same page. The header's copy is
 * a named form landmark; the menu's copy is a named group inside an unnamed form (one landmark each).
 */
function LanguageSwitch({ landmark = true }: { landmark?: boolean }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const current = i18n.language;
  const buttons = supportedLanguages.map((lng) => (
    <button key={lng} type="submit" name="locale" value={lng} lang={lng} aria-pressed={current === lng} className="link-button">
      {languageName(lng)}
    </button>
  ));
  return (
    <Form
      method="post"
      action="/language"
      className={landmark ? 'language-switch' : undefined}
      aria-label={landmark ? t('layout.language') : undefined}
    >
      <CsrfField />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {landmark ? (
        buttons
      ) : (
        <div role="group" aria-label={t('layout.language')} className="language-switch">
          {buttons}
        </div>
      )}
    </Form>
  );
}
