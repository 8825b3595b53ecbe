import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/forms';
import { TableScroller } from '~/components/table-scroller';
import { getEnv } from '~/lib/env.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDateTime } from '~/lib/format';
import { formValues, parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { useRootData } from '~/lib/root-data';
import { readForm } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/session.server';
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
  const formData = await readForm(request);
  const form = parseForm(ApiKeyIntentSchema, formData);
  if (!form.ok) return invalid(form);
  const actor = { userId: user.id, requestId: requestContext(context).requestId };
  if (form.data.intent === 'revoke') {
    const done = await revokeApiKey(actor, form.data.id);
    if (!done) return json({ ok: false as const, errors: { form: ['admin:apiKeys.notFound'] }, values: formValues(formData) }, { status: 404 });
    return redirectWithFlash('/admin/api-keys', { kind: 'success', key: 'admin:apiKeys.revokedFlash' }, { status: 303 });
  }
  const created = await createApiKey(actor, form.data.name);
  // The full key is in this one answer only (never stored, never in a flash cookie).
  return json({ ok: true as const, created: { name: created.name, key: created.key } }, { headers: { 'Cache-Control': 'no-store' } });
}

export default function AdminApiKeys() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const { keys, endpoint } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const lng = i18n.language;
  const failure = result && !result.ok ? result : null;
  const created = result && result.ok ? result.created : null;
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
      <FormErrors errors={failure?.errors} />
      <TableScroller>
        <table>
          <caption>{t('apiKeys.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('apiKeys.name')}</th>
              <th scope="col">{t('apiKeys.prefix')}</th>
              <th scope="col">{t('apiKeys.created')}</th>
              <th scope="col">{t('apiKeys.lastUsed')}</th>
              <th scope="col">{t('apiKeys.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('table.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <th scope="row">{k.name}</th>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>
                  <time dateTime={k.createdAt}>{formatDateTime(k.createdAt, lng, city.timeZone)}</time>
                  {k.createdBy ? <span className="muted"> · {k.createdBy}</span> : null}
                </td>
                <td>{k.lastUsedAt ? <time dateTime={k.lastUsedAt}>{formatDateTime(k.lastUsedAt, lng, city.timeZone)}</time> : <span className="muted">{t('apiKeys.never')}</span>}</td>
                <td>{k.revokedAt ? t('apiKeys.revoked', { date: formatDateTime(k.revokedAt, lng, city.timeZone) }) : t('apiKeys.active')}</td>
                <td>
                  {k.revokedAt ? null : (
                    <PostForm>
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={k.id} />
                      <SubmitButton aria-label={t('apiKeys.revokeLabel', { name: k.name })}>{t('apiKeys.revoke')}</SubmitButton>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      {keys.length === 0 ? <p>{t('apiKeys.empty')}</p> : null}

      <section aria-labelledby="new-key">
        <h2 id="new-key">{t('apiKeys.new')}</h2>
        <PostForm noValidate>
          <input type="hidden" name="intent" value="create" />
          <TextField label={t('apiKeys.name')} name="name" hint={t('apiKeys.nameHint')} errors={failure?.errors} defaultValue={failure?.values?.name ?? ''} maxLength={100} required />
          <SubmitButton>{t('apiKeys.create')}</SubmitButton>
        </PostForm>
      </section>
    </div>
  );
}
