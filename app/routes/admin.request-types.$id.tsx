import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { Card } from '~/components/ui/card';
import { FormErrors, PostForm, replyFor, SubmitButton } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requirePermission } from '~/modules/identity/guards.server';
import { listDepartments } from '~/modules/places/queries.server';
import { setRequestTypeActive, updateRequestType } from '~/modules/requests/catalog/catalog.server';
import { RequestTypeForm } from '~/modules/requests/catalog/components/catalog-forms';
import { RequestTypeActionSchema } from '~/modules/requests/catalog/schemas';
import { getRequestType } from '~/modules/requests/catalog/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:catalog.editTitle');

async function load(id: string | undefined) {
  const type = id ? await getRequestType(id) : null;
  if (!type) throw refuse(fail.notFound());
  return type;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-type');
  const [type, departments] = await Promise.all([load(params.id), listDepartments()]);
  const { versions, ...rest } = type;
  return json({ type: { ...rest, fieldCount: versions[0]?.fields.length ?? 0 }, departments });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:request-type');
  const { id } = await load(params.id);
  const submission = await readSubmission(request, RequestTypeActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const value = submission.value;
  if (value.intent !== 'save') {
    const active = value.intent === 'activate';
    const result = await setRequestTypeActive(caller, id, active);
    if (!result.ok) return respondToForm(submission, result);
    const key = active ? 'requests:catalog.activated' : 'requests:catalog.deactivated';
    return redirectWithFlash(`/admin/request-types/${id}`, { kind: 'success', key }, { status: 303 });
  }
  const result = await updateRequestType(caller, id, value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash('/admin/request-types', { kind: 'success', key: 'requests:catalog.saved' }, { status: 303 });
}

/** Take the type off residents' list, or put it back. */
function Availability({ active, lastResult }: { active: boolean; lastResult: unknown }) {
  const { t } = useTranslation('requests');
  const [form] = useSchemaForm(RequestTypeActionSchema, { lastResult, id: 'availability' });
  return (
    <Card title={t('catalog.activeTitle')}>
      <p>{active ? t('catalog.activeIntro') : t('catalog.inactiveIntro')}</p>
      <FormErrors form={form} />
      <PostForm form={form}>
        <input type="hidden" name="intent" value={active ? 'deactivate' : 'activate'} />
        <SubmitButton className={active ? 'button button-secondary' : 'button'}>
          {active ? t('catalog.deactivate') : t('catalog.activate')}
        </SubmitButton>
      </PostForm>
    </Card>
  );
}

export default function EditRequestType() {
  const { t } = useTranslation('requests');
  const { type, departments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const defaultValue = {
    name: type.name,
    description: type.description,
    resolution: type.resolutionDefinition,
    keywords: type.keywords ?? {},
    group: type.group,
    departmentId: type.department.id,
    defaultPriority: type.defaultPriority,
    targetHours: String(type.targetHours),
    locationRequired: type.locationRequired ? 'on' : undefined,
    photosAllowed: type.photosAllowed ? 'on' : undefined,
    publicVisibility: type.publicVisibility,
  };
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/request-types', label: t('catalog.title') }]} />
      <h1>
        {t('catalog.editTitle')}: <LocalizedName value={type.name} />
      </h1>
      <p>
        {t('catalog.fieldsSummary', { count: type.fieldCount, version: type.currentVersion })}{' '}
        <Link to={`/admin/request-types/${type.id}/fields`}>{t('catalog.editFields')}</Link>
      </p>
      <RequestTypeForm
        lastResult={replyFor(lastResult, 'save')}
        defaultValue={defaultValue}
        departments={departments}
        code={type.code}
        submit={t('catalog.save')}
      />
      <Availability active={type.active} lastResult={replyFor(lastResult, type.active ? 'deactivate' : 'activate')} />
    </div>
  );
}
