import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { FormErrors, SelectField, TextField } from '~/components/forms';
import { formatDateTime } from '~/lib/format';
import type { FieldErrors } from '~/lib/forms';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { auditFilterFromUrl } from '~/modules/audit/filter.server';
import { compactChange } from '~/modules/audit/format';
import { auditActions, auditTargetKinds, listAudit } from '~/modules/audit/queries.server';
import { requirePermission } from '~/modules/identity/session.server';
import { getCity } from '~/modules/places/queries.server';
import { TableScroller } from '~/components/table-scroller';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:audit.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:audit');
  const url = new URL(request.url);
  const city = await getCity();
  const [actions, targetKinds] = await Promise.all([auditActions(), auditTargetKinds()]);
  const parsed = auditFilterFromUrl(url, city.timeZone);
  // Bad filters (e.g. an impossible date) come back with their errors, as a 400, and no rows.
  const page = parsed.ok ? await listAudit(parsed.filter) : { entries: [], nextBefore: null };
  const errors: FieldErrors | undefined = parsed.ok ? undefined : parsed.errors;
  return json(
    {
      errors,
      values: parsed.values,
      actions,
      targetKinds,
      nextBefore: page.nextBefore,
      entries: page.entries.map(({ before, after, ...e }) => ({ ...e, change: compactChange(before, after) })),
    },
    { status: parsed.ok ? 200 : 400 },
  );
}

function query(values: Record<string, string>, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ ...values, ...extra });
  const s = params.toString();
  return s ? `?${s}` : '';
}

export default function AdminAudit() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const data = useLoaderData<typeof loader>();
  const values: Record<string, string> = data.values;
  const prefixes = [...new Set(data.actions.flatMap((a) => [a.split('.')[0] + '.', a]))];
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro', { timeZone: city.timeZone })}</p>

      <Form method="get" className="stack" aria-labelledby="audit-filters">
        <h2 id="audit-filters">{t('audit.filters')}</h2>
        <FormErrors errors={data.errors} />
        <div className="filters">
          <TextField label={t('audit.action')} hint={t('audit.actionHint')} name="action" list="audit-actions" autoComplete="off" defaultValue={values.action} errors={data.errors} />
          <datalist id="audit-actions">
            {prefixes.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <TextField label={t('audit.actor')} hint={t('audit.actorHint')} name="actor" autoComplete="off" defaultValue={values.actor} errors={data.errors} />
          <SelectField
            label={t('audit.targetKind')}
            name="targetKind"
            defaultValue={values.targetKind ?? ''}
            errors={data.errors}
            options={[{ value: '', label: t('audit.anyKind') }, ...data.targetKinds.map((k) => ({ value: k, label: t(`targetKinds.${k}`, { defaultValue: k }) }))]}
          />
          <TextField label={t('audit.from')} name="from" type="date" defaultValue={values.from} errors={data.errors} />
          <TextField label={t('audit.to')} name="to" type="date" defaultValue={values.to} errors={data.errors} />
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t('audit.apply')}
          </button>
          <Link to="/admin/audit">{t('audit.clear')}</Link>
          <a href={`/admin/audit.csv${query(values)}`} download>
            {t('audit.csv')}
          </a>
        </div>
      </Form>

      <TableScroller>
        <table>
          <caption>{t('audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.change')}</th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, i18n.language, city.timeZone)}</time>
                </th>
                <td>
                  {e.actor ? (
                    <>
                      {e.actor.displayName}
                      {e.actor.email ? (
                        <>
                          <br />
                          <span className="muted">{e.actor.email}</span>
                        </>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">{t('audit.system')}</span>
                  )}
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {t(`targetKinds.${e.targetKind}`, { defaultValue: e.targetKind })}
                  {e.targetId ? (
                    <>
                      <br />
                      <code className="muted">{e.targetId}</code>
                    </>
                  ) : null}
                </td>
                <td>
                  {e.change.before ? (
                    <>
                      <span className="muted">{t('audit.before')}</span>
                      <pre className="json">{e.change.before}</pre>
                    </>
                  ) : null}
                  {e.change.after ? (
                    <>
                      <span className="muted">{t('audit.after')}</span>
                      <pre className="json">{e.change.after}</pre>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      {data.entries.length === 0 ? <p>{t('audit.empty')}</p> : null}
      {data.nextBefore ? (
        <p className="pager">
          <Link to={`/admin/audit${query(values, { before: String(data.nextBefore) })}`}>{t('audit.older')}</Link>
        </p>
      ) : null}
    </div>
  );
}
