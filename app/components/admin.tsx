import { Link } from '~/components/link';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { localized } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { Card } from './ui/card';
import { FormErrors, PostForm, SubmitButton } from './ui/forms';

/** A breadcrumb trail: the pages above this one, outermost first. */
export function Trail({ label, items }: { label: string; items: { to: string; label: string }[] }) {
  return (
    <nav aria-label={label} className="trail">
      <ol>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to}>{item.label}</Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Breadcrumb trail for admin pages: Administration › … › this page. */
export function AdminTrail({ items = [] }: { items?: { to: string; label: string }[] }) {
  const { t } = useTranslation('admin');
  return <Trail label={t('trail')} items={[{ to: '/admin', label: t('index.title') }, ...items]} />;
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

const DeleteSchema = z.object({ intent: z.literal('delete') });

/**
 * The delete section of an edit page: a warning, a button posting `intent=delete` and, when the
 * delete was refused (still in use), why. The page's action reads it in its `intent` union.
 */
export function DeleteZone({
  title,
  intro,
  submit,
  lastResult,
}: {
  title: string;
  intro: ReactNode;
  submit: string;
  lastResult?: unknown;
}) {
  const [form] = useSchemaForm(DeleteSchema, { lastResult, id: 'delete-form' });
  return (
    <Card title={title} tone="danger">
      <p>{intro}</p>
      <FormErrors form={form} />
      <PostForm form={form}>
        <input type="hidden" name="intent" value="delete" />
        <SubmitButton className="button button-danger">{submit}</SubmitButton>
      </PostForm>
    </Card>
  );
}
