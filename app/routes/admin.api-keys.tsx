import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { getEnv } from '~/lib/env.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDateTime } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { refuse, replyForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requirePermission } from '~/modules/identity/guards.server';
import { createApiKey, listApiKeys, revokeApiKey } from '~/modules/open311/api-keys.server';
import { ApiKeyIntentSchema } from '~/modules/open311/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:apiKeys.title');

/** Open311 API keys (admins only): list, create (the key is shown once), revoke. Works without JavaScript. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:api-keys');
  return json({ keys: await listApiKeys(), endpoint: `${getEnv().PUBLIC_URL}/open311/v2/discovery.json` });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:api-keys');
  const submission = await readSubmission(request, ApiKeyIntentSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const actor = { userId: user.id, requestId: requestContext(context).requestId };
  if (submission.value.intent === 'revoke') {
    const done = await revokeApiKey(actor, submission.value.id);
    if (!done) throw refuse(fail.notFound('admin:apiKeys.notFound'));
    return redirectWithFlash('/admin/api-keys', { kind: 'success', key: 'admin:apiKeys.revokedFlash' }, { status: 303 });
  }
  const created = await createApiKey(actor, submission.value.name);
  // The full key is in this one answer only (never stored, never in a flash cookie).
  return json({ created: { name: created.name, key: created.key } }, { headers: { 'Cache-Control': 'no-store' } });
}

export default function AdminApiKeys() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const { keys, endpoint } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const created = result && 'created' in result ? result.created : null;
  const [form, fields] = useSchemaForm(ApiKeyIntentSchema, {
    lastResult: created ? undefined : result,
    defaultValue: { intent: 'create' },
    id: 'new-key',
  });
  const name = (fields as unknown as Record<'name', typeof fields.intent>).name;
  const lng = i18n.language;
  const when = (date: string) => <time dateTime={date}>{formatDateTime(date, lng, city.timeZone)}</time>;
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('apiKeys.title')}</h1>
      <p>{t('apiKeys.intro')}</p>
      <p>{t('apiKeys.endpoint', { url: endpoint })}</p>
      {created ? (
        <section className="card" role="status" aria-labelledby="created-key">
          <h2 id="created-key">{t('apiKeys.createdTitle')}</h2>
          <p>{t('apiKeys.createdText')}</p>
          <p>
            {created.name}: <code data-api-key>{created.key}</code>
          </p>
        </section>
      ) : null}
      <DataTable
        caption={t('apiKeys.caption')}
        rows={keys}
        rowKey={(k) => k.id}
        empty={t('apiKeys.empty')}
        columns={[
          { key: 'name', header: t('apiKeys.name'), rowHeader: true, cell: (k) => k.name },
          { key: 'prefix', header: t('apiKeys.prefix'), cell: (k) => <code>{k.prefix}…</code> },
          {
            key: 'created',
            header: t('apiKeys.created'),
            cell: (k) => (
              <>
                {when(k.createdAt)}
                {k.createdBy ? <span className="muted"> · {k.createdBy}</span> : null}
              </>
            ),
          },
          {
            key: 'lastUsed',
            header: t('apiKeys.lastUsed'),
            cell: (k) => (k.lastUsedAt ? when(k.lastUsedAt) : <span className="muted">{t('apiKeys.never')}</span>),
          },
          {
            key: 'status',
            header: t('apiKeys.status'),
            cell: (k) =>
              k.revokedAt ? t('apiKeys.revoked', { date: formatDateTime(k.revokedAt, lng, city.timeZone) }) : t('apiKeys.active'),
          },
          {
            key: 'actions',
            header: t('table.actions'),
            headerHidden: true,
            cell: (k) =>
              k.revokedAt ? null : (
                <PostForm>
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="id" value={k.id} />
                  <SubmitButton aria-label={t('apiKeys.revokeLabel', { name: k.name })}>{t('apiKeys.revoke')}</SubmitButton>
                </PostForm>
              ),
          },
        ]}
      />

      <Card title={t('apiKeys.new')}>
        <PostForm form={form}>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="create" />
          <TextField label={t('apiKeys.name')} hint={t('apiKeys.nameHint')} field={name} maxLength={100} />
          <SubmitButton>{t('apiKeys.create')}</SubmitButton>
        </PostForm>
      </Card>
    </div>
  );
}
