import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { AuthorName } from '~/components/author-name';
import { ActionBar } from '~/components/ui/action-bar';
import { AdminTrail } from '~/components/admin';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { FormErrors, GetForm, SelectField, TextField } from '~/components/ui/forms';
import { Pager } from '~/components/ui/pager';
import { formatDateTime } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { useSchemaForm } from '~/lib/use-schema-form';
import { auditFilterFromUrl } from '~/modules/audit/filter.server';
import { AuditSentence } from '~/modules/audit/components/audit-sentence';
import { describeAudit } from '~/modules/audit/describe';
import { compactChange } from '~/modules/audit/format';
import { AuditFilterSchema } from '~/modules/audit/schemas';
import { auditActions, auditTargetKinds, listAudit } from '~/modules/audit/queries.server';
import { resolveTargets, targetOf } from '~/modules/audit/targets.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { getCity } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:audit.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:audit');
  const url = new URL(request.url);
  const city = await getCity();
  const [actions, targetKinds] = await Promise.all([auditActions(), auditTargetKinds()]);
  const parsed = auditFilterFromUrl(url, city.timeZone);
  // Bad filters (e.g. an impossible date) come back with their errors, as a 400, and no rows.
  const page = parsed.ok ? await listAudit(parsed.filter) : { entries: [], nextBefore: null };
  const sentences = page.entries.map((e) => describeAudit(e));
  // One batch per kind for the whole page: the targets, and the people the changes name.
  const names = await resolveTargets([
    ...page.entries,
    ...sentences.flatMap((s) => (s.personId ? [{ targetKind: 'user', targetId: s.personId }] : [])),
  ]);
  return json(
    {
      filter: parsed.ok ? undefined : parsed.reply,
      values: parsed.values,
      actions,
      targetKinds,
      nextBefore: page.nextBefore,
      entries: page.entries.map(({ before, after, ...e }, i) => ({
        ...e,
        change: compactChange(before, after),
        sentence: sentences[i],
        target: targetOf(names, e),
        person: targetOf(names, { targetKind: 'user', targetId: sentences[i].personId ?? null }),
      })),
    },
    { status: parsed.ok ? 200 : 400 },
  );
}

function query(values: Record<string, string>, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ ...values, ...extra });
  const s = params.toString();
  return s ? `?${s}` : '';
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>['entries'][number];

function Actor({ entry }: { entry: Entry }) {
  const { t } = useTranslation('admin');
  if (!entry.actor) return <span className="muted">{t('audit.system')}</span>;
  return (
    <>
      <AuthorName author={entry.actor} />
      {entry.actor.email ? (
        <>
          <br />
          <span className="muted">{entry.actor.email}</span>
        </>
      ) : null}
    </>
  );
}

/** The sentence, then the raw action and before/after behind a disclosure. */
function Change({ entry }: { entry: Entry }) {
  const { t } = useTranslation('admin');
  const actor = entry.actor ? { name: entry.actor.displayName, href: `/people/${entry.actor.id}`, status: entry.actor.status } : null;
  return (
    <>
      <AuditSentence
        sentence={entry.sentence}
        actor={actor}
        target={entry.target}
        targetKind={entry.targetKind}
        hasId={!!entry.targetId}
        person={entry.person}
      />
      <details className="audit-details">
        <summary>{t('audit.details')}</summary>
        <p>
          {t('audit.action')}: <code className="audit-action">{entry.action}</code>
          {entry.targetId ? (
            <>
              <br />
              {t(`targetKinds.${entry.targetKind}`, { defaultValue: entry.targetKind })}: <code>{entry.targetId}</code>
            </>
          ) : null}
        </p>
        {entry.change.before ? (
          <>
            <span className="muted">{t('audit.before')}</span>
            <pre className="json">{entry.change.before}</pre>
          </>
        ) : null}
        {entry.change.after ? (
          <>
            <span className="muted">{t('audit.after')}</span>
            <pre className="json">{entry.change.after}</pre>
          </>
        ) : null}
      </details>
    </>
  );
}

export default function AdminAudit() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const data = useLoaderData<typeof loader>();
  const values: Record<string, string> = data.values;
  const [form, fields] = useSchemaForm(AuditFilterSchema, { lastResult: data.filter, defaultValue: values, id: 'audit-filter' });
  const prefixes = [...new Set(data.actions.flatMap((a) => [a.split('.')[0] + '.', a]))];
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro', { timeZone: city.timeZone })}</p>

      <Card title={t('audit.filters')}>
        <GetForm form={form} className="stack">
          <FormErrors form={form} />
          <div className="filters">
            <TextField
              label={t('audit.action')}
              hint={t('audit.actionHint')}
              field={fields.action}
              list="audit-actions"
              autoComplete="off"
            />
            <datalist id="audit-actions">
              {prefixes.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
            <TextField label={t('audit.actor')} hint={t('audit.actorHint')} field={fields.actor} autoComplete="off" />
            <SelectField
              label={t('audit.targetKind')}
              field={fields.targetKind}
              options={[
                { value: '', label: t('audit.anyKind') },
                ...data.targetKinds.map((k) => ({ value: k, label: t(`targetKinds.${k}`, { defaultValue: k }) })),
              ]}
            />
            <TextField label={t('audit.from')} field={fields.from} type="date" />
            <TextField label={t('audit.to')} field={fields.to} type="date" />
          </div>
          <ActionBar>
            <button type="submit" className="button">
              {t('audit.apply')}
            </button>
            <Link to="/admin/audit">{t('audit.clear')}</Link>
            <a href={`/admin/audit.csv${query(values)}`} download>
              {t('audit.csv')}
            </a>
          </ActionBar>
        </GetForm>
      </Card>

      <DataTable
        caption={t('audit.caption')}
        rows={data.entries}
        rowKey={(e) => String(e.id)}
        empty={t('audit.empty')}
        columns={[
          {
            key: 'when',
            header: t('audit.when'),
            rowHeader: true,
            cell: (e) => <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, i18n.language, city.timeZone)}</time>,
          },
          { key: 'actor', header: t('audit.actor'), cell: (e) => <Actor entry={e} /> },
          { key: 'change', header: t('audit.change'), cell: (e) => <Change entry={e} /> },
        ]}
      />
      <Pager
        label={t('audit.pages')}
        next={data.nextBefore ? { to: `/admin/audit${query(values, { before: String(data.nextBefore) })}`, label: t('audit.older') } : null}
      />
    </div>
  );
}
