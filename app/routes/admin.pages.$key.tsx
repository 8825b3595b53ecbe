import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { languageName, supportedLanguages } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';
import { requirePermission } from '~/modules/identity/guards.server';
import { isSitePageKey, LEGAL_PAGE_KEYS, type SitePageKey } from '~/modules/site-pages/keys';
import { getSitePage, pageBodiesOf, saveSitePage } from '~/modules/site-pages/pages.server';
import { bodyField, SitePageSchema } from '~/modules/site-pages/schemas';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, `pages:admin.editTitles.${data?.key ?? 'terms'}`);

/** The page named in the address, or 404 (after the permission check: nothing is told to others). */
function pageKey(params: { key?: string }): SitePageKey {
  if (!isSitePageKey(params.key)) throw refuse(fail.notFound());
  return params.key;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  const page = await getSitePage(pageKey(params));
  return json({ key: page.key, body: page.body, version: page.version });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const key = pageKey(params);
  const submission = await readSubmission(request, SitePageSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const bodies = pageBodiesOf(submission.value);
  if (!bodies.ok) return replyForm(submission, bodies);
  const result = await saveSitePage(callerFor(user, context), key, bodies.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash('/admin/pages', { kind: 'success', key: 'pages:admin.saved' }, { status: 303 });
}

export default function AdminSitePage() {
  const { t, i18n } = useTranslation('pages');
  const { key, body, version } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(SitePageSchema, { lastResult: useActionData<typeof action>() });
  const title = t(`titles.${key}`);
  const legal = (LEGAL_PAGE_KEYS as readonly string[]).includes(key);
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/pages', label: t('admin:pages.title') }]} />
      <h1>{t(`admin.editTitles.${key}`)}</h1>
      <p>{legal ? t('admin.legalIntro', { version }) : t('admin.editIntro')}</p>
      <PostForm form={form}>
        <FormErrors form={form} />
        {supportedLanguages.map((lang) => (
          <RichTextEditor
            key={lang}
            label={t('admin.body', { language: languageName(lang, i18n.language) })}
            field={fields[bodyField(lang)]!}
            textField={fields[`${bodyField(lang)}Text`]!}
            initialDoc={body[lang] as never}
            rows={16}
          />
        ))}
        <div className="actions">
          <SubmitButton>{t('admin.save')}</SubmitButton>
          <Link to={`/${key}`}>{t('admin.viewPage', { page: title })}</Link>
        </div>
      </PostForm>
    </div>
  );
}
