import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { replyFor } from '~/components/ui/forms';
import { PictureForm } from '~/components/ui/picture-form';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmissionWithFiles } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requirePermission } from '~/modules/identity/guards.server';
import { logoUploadOptions, removeLogo, setLogo } from '~/modules/places/city-logo.server';
import { logoUrl } from '~/modules/places/logo';
import { getCity } from '~/modules/places/queries.server';
import { LogoFormSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:logo.title');

/** The city's logo, shown in every page's header: upload one (JPEG, PNG or WebP) or go back to the generic mark. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  const city = await getCity();
  return json(
    { name: city.name, logoId: city.logoId, maxMegabytes: logoUploadOptions.maxFileBytes / 1024 / 1024 },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const { submission, files, extraFiles } = await readSubmissionWithFiles(request, LogoFormSchema, logoUploadOptions);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const upload = submission.value.intent === 'upload';
  const result = upload ? await setLogo(caller, files, extraFiles) : await removeLogo(caller);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    '/admin/city/logo',
    { kind: 'success', key: upload ? 'admin:logo.saved' : 'admin:logo.removed' },
    { status: 303 },
  );
}

export default function AdminCityLogo() {
  const { t } = useTranslation('admin');
  const { name, logoId, maxMegabytes } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(LogoFormSchema, { lastResult: replyFor(lastResult, 'upload'), id: 'logo-upload' });
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/city', label: t('city.title') }]} />
      <h1>{t('logo.title')}</h1>
      <p>{t('logo.intro')}</p>
      {logoId ? (
        <figure className="stack">
          <img src={logoUrl(logoId)} alt={name} className="logo-preview" />
          <figcaption>{t('logo.current')}</figcaption>
        </figure>
      ) : (
        <p>{t('logo.none')}</p>
      )}
      <PictureForm
        id="logo"
        form={form}
        field={fields.logo}
        schema={LogoFormSchema}
        lastResult={lastResult}
        hasPicture={!!logoId}
        keys="admin:logo"
        maxMegabytes={maxMegabytes}
      />
    </div>
  );
}
