import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { localized } from '~/lib/i18n';

/** Breadcrumb trail for admin pages: Administration › … › this page. */
export function AdminTrail({ items = [] }: { items?: { to: string; label: string }[] }) {
  const { t } = useTranslation('admin');
  return (
    <nav aria-label={t('trail')} className="trail">
      <ol>
        <li>
          <Link to="/admin">{t('index.title')}</Link>
        </li>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to}>{item.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Text stored per locale, in the reader's language, with a visible note when it fell back. */
export function LocalizedName({ value }: { value: unknown }) {
  const { t, i18n } = useTranslation();
  const { text, fellBack, lang } = localized(value, i18n.language);
  if (!fellBack) return <>{text}</>;
  return (
    <>
      <span lang={lang}>{text}</span> <span className="muted">({t('fallbackNote')})</span>
    </>
  );
}
