import { useTranslation } from 'react-i18next';
import { Tabs } from '~/components/ui/tabs';

const PAGES = [
  { to: '/account', key: 'nav.profile', end: true },
  { to: '/account/avatar', key: 'nav.avatar' },
  { to: '/account/email', key: 'nav.email' },
  { to: '/account/password', key: 'nav.password' },
  { to: '/account/sessions', key: 'nav.sessions' },
  { to: '/account/notifications', key: 'nav.notifications' },
  { to: '/account/delete', key: 'nav.delete' },
] as const;

/** Tabs between the account pages; the current one is marked with aria-current. */
export function AccountNav() {
  const { t } = useTranslation('account');
  return <Tabs label={t('nav.label')} tabs={PAGES.map((page) => ({ to: page.to, end: 'end' in page, label: t(page.key) }))} />;
}
