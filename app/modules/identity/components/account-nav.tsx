import { NavLink } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

const PAGES = [
  { to: '/account', key: 'nav.profile', end: true },
  { to: '/account/avatar', key: 'nav.avatar' },
  { to: '/account/email', key: 'nav.email' },
  { to: '/account/password', key: 'nav.password' },
  { to: '/account/sessions', key: 'nav.sessions' },
  { to: '/account/notifications', key: 'nav.notifications' },
  { to: '/account/delete', key: 'nav.delete' },
] as const;

/** Links between the account pages; the current one is marked with aria-current. */
export function AccountNav() {
  const { t } = useTranslation('account');
  return (
    <nav aria-label={t('nav.label')} className="subnav">
      <ul>
        {PAGES.map((page) => (
          <li key={page.to}>
            <NavLink to={page.to} end={'end' in page ? page.end : false}>
              {t(page.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
