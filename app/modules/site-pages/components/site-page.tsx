import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '~/lib/format';
import { useRootData } from '~/lib/root-data';
import { RichText } from '~/modules/content/components/rich-text';
import type { DisplayDoc } from '~/modules/content/richtext';
import { LEGAL_PAGE_KEYS, type SitePageKey } from '../keys';

type Props = {
  page: { key: SitePageKey; body: DisplayDoc | null; version: number; updatedAt: string | null };
  children?: ReactNode;
  /** 2 where the page is a section of another (the terms to accept anew). */
  level?: 1 | 2;
};

/** A public site page: its title, its text, then what the route adds (the contact details); legal pages give their version. */
export function SitePage({ page, children, level = 1 }: Props) {
  const { t, i18n } = useTranslation('pages');
  const { city } = useRootData();
  const legal = (LEGAL_PAGE_KEYS as readonly string[]).includes(page.key);
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <article className="stack">
      <Heading>{t(`titles.${page.key}`)}</Heading>
      {legal ? (
        <p className="muted">
          {page.updatedAt
            ? t('versionUpdated', { version: page.version, date: formatDate(page.updatedAt, i18n.language, city.timeZone) })
            : t('version', { version: page.version })}
        </p>
      ) : null}
      <RichText doc={page.body} />
      {children}
    </article>
  );
}
