import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthorName } from '~/components/author-name';
import { FormErrors, PostForm, SelectField, SubmitButton, TextArea, TextField } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { formatDateTime } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { useRootData } from '~/lib/root-data';
import { readForm } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/session.server';
import { moderateUser } from '~/modules/moderation/moderation.server';
import { memberRecord } from '~/modules/moderation/queries.server';
import { USER_ACTIONS, UserActionSchema } from '~/modules/moderation/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'moderation:user.title');

/** Warn, suspend, ban or reinstate an account: staff and administrators. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'moderate:user');
  const record = await memberRecord(params.id ?? '');
  if (!record) throw json({ error: 'notFound' }, { status: 404 });
  return json({ record });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'moderate:user');
  const form = parseForm(UserActionSchema, await readForm(request));
  if (!form.ok) return invalid(form);
  if (form.data.userId !== params.id) throw json({ error: 'badRequest' }, { status: 400 });
  const result = await moderateUser({ ...user, requestId: requestContext(context).requestId }, form.data);
  if (!result.ok) throw json({ error: result.reason }, { status: result.reason === 'notFound' ? 404 : 403 });
  return redirectWithFlash(`/moderation/users/${params.id}`, { kind: 'success', key: `moderation:done.${form.data.action}` }, { status: 303 });
}

export default function ModerateUser() {
  const { t, i18n } = useTranslation('moderation');
  const { city } = useRootData();
  const { record } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  return (
    <div className="stack">
      <h1>
        {t('user.title')}: <AuthorName author={record} />
      </h1>
      <dl className="details">
        <dt>{t('user.status')}</dt>
        <dd>
          {t(`user.statuses.${record.status}`)}
          {record.suspendedUntil ? ` — ${t('user.until', { date: formatDateTime(record.suspendedUntil, i18n.language, city.timeZone, 'short') })}` : ''}
        </dd>
        <dt>{t('user.since')}</dt>
        <dd>{formatDateTime(record.createdAt, i18n.language, city.timeZone, 'short')}</dd>
        <dt>{t('user.posts')}</dt>
        <dd>{record.posts}</dd>
        <dt>{t('user.hidden')}</dt>
        <dd>{record.hiddenPosts}</dd>
      </dl>
      <PostForm noValidate>
        <FormErrors errors={result?.errors} />
        <input type="hidden" name="userId" value={record.id} />
        <SelectField label={t('user.action')} name="action" defaultValue={values.action ?? 'warn'} options={USER_ACTIONS.map((a) => ({ value: a, label: t(`user.actions.${a}`) }))} errors={result?.errors} />
        <TextField label={t('user.days')} hint={t('user.daysHint')} name="days" type="number" min={1} max={365} defaultValue={values.days} errors={result?.errors} />
        <TextArea label={t('user.message')} hint={t('user.messageHint')} name="message" required maxLength={500} defaultValue={values.message} errors={result?.errors} />
        <SubmitButton>{t('user.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
