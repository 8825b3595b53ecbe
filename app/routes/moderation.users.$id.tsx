import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthorName } from '~/components/author-name';
import { FormErrors, PostForm, SelectField, SubmitButton, TextArea, TextField } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDateTime } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { callerFor } from '~/lib/caller.server';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requirePermission } from '~/modules/identity/guards.server';
import { moderateUser } from '~/modules/moderation/moderation.server';
import { memberRecord } from '~/modules/moderation/queries.server';
import { UserActionSchema } from '~/modules/moderation/schemas';
import { USER_ACTIONS } from '~/modules/moderation/values';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'moderation:user.title');

/** Warn, suspend, ban or reinstate an account: staff and administrators. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'moderate:user');
  const record = await memberRecord(params.id ?? '');
  if (!record) throw refuse(fail.notFound());
  return json({ record });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'moderate:user');
  const submission = await readSubmission(request, UserActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  if (submission.value.userId !== params.id) throw refuse(fail.invalid({}));
  const result = await moderateUser(callerFor(user, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    `/moderation/users/${params.id}`,
    { kind: 'success', key: `moderation:done.${submission.value.action}` },
    { status: 303 },
  );
}

export default function ModerateUser() {
  const { t, i18n } = useTranslation('moderation');
  const { city } = useRootData();
  const { record } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(UserActionSchema, {
    lastResult: useActionData<typeof action>(),
    defaultValue: { action: 'warn', userId: record.id },
  });
  return (
    <div className="stack">
      <h1>
        {t('user.title')}: <AuthorName author={record} />
      </h1>
      <dl className="details">
        <dt>{t('user.status')}</dt>
        <dd>
          {t(`user.statuses.${record.status}`)}
          {record.suspendedUntil
            ? ` — ${t('user.until', { date: formatDateTime(record.suspendedUntil, i18n.language, city.timeZone, 'short') })}`
            : ''}
        </dd>
        <dt>{t('user.since')}</dt>
        <dd>{formatDateTime(record.createdAt, i18n.language, city.timeZone, 'short')}</dd>
        <dt>{t('user.posts')}</dt>
        <dd>{record.posts}</dd>
        <dt>{t('user.hidden')}</dt>
        <dd>{record.hiddenPosts}</dd>
      </dl>
      <PostForm form={form}>
        <FormErrors form={form} />
        <input type="hidden" name={fields.userId.name} value={record.id} />
        <SelectField
          label={t('user.action')}
          field={fields.action}
          options={USER_ACTIONS.map((a) => ({ value: a, label: t(`user.actions.${a}`) }))}
        />
        <TextField label={t('user.days')} hint={t('user.daysHint')} field={fields.days} type="number" min={1} max={365} />
        <TextArea label={t('user.message')} hint={t('user.messageHint')} field={fields.message} maxLength={500} />
        <SubmitButton>{t('user.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
