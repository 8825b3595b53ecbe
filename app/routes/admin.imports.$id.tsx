import type { FieldMetadata } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData, useRevalidator } from '@remix-run/react';
import { Link } from '~/components/link';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { ErrorText, FormErrors, PostForm, SelectField } from '~/components/ui/forms';
import { TableScroller } from '~/components/ui/table-scroller';
import { callerFor } from '~/lib/caller.server';
import { formatDateTime, formatNumber } from '~/lib/format';
import { splitMessage } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requirePermission } from '~/modules/identity/guards.server';
import { latestEventId } from '~/modules/realtime/publish.server';
import { useLive } from '~/modules/realtime/use-live';
import { IMPORT_FIELDS, mappedType, MappingFormSchema, REQUIRED_FIELDS } from '~/modules/requests/legacy-import/fields';
import { getImportRun } from '~/modules/requests/legacy-import/queries.server';
import { checkImportRun, startImportRun, type ImportProgress } from '~/modules/requests/legacy-import/runs.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:imports.runTitle');

/**
 * One import run (admins only): the mapping step (columns, date order, unknown type values),
 * "Validate only" (dry run) and "Import", then live progress (socket room `import:<id>`; without
 * JavaScript a refresh link shows the stored progress) and the report. Works without JavaScript.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-import');
  // Read before the page's data: an event committed in between is then replayed, not lost.
  const since = await latestEventId();
  const run = await getImportRun(params.id ?? '');
  if (!run) throw refuse(fail.notFound());
  return json({ run, since }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:request-import');
  const id = params.id ?? '';
  const submission = await readSubmission(request, MappingFormSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const { intent, mapping } = submission.value;
  const caller = callerFor(user, context);
  const done =
    intent === 'validate'
      ? await checkImportRun(caller, id, mapping)
      : await startImportRun(caller, id, intent === 'resume' ? null : mapping);
  if (!done.ok) return respondToForm(submission, done);
  return redirect(`/admin/imports/${id}`, { status: 303 });
}

export default function AdminImportRun() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const { run, since } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lng = i18n.language;
  const [form, fields] = useSchemaForm(MappingFormSchema, {
    lastResult,
    defaultValue: {
      col: run.mapping.columns,
      dateOrder: run.mapping.dateOrder,
      typeValue: run.unknownTypes.map((u) => u.value),
      typeTarget: run.unknownTypes.map((u) => mappedType(run.mapping.types, u.value) ?? ''),
    },
  });
  const columns = fields.col.getFieldset();
  // A list (preprocessed from one or many values), typed `unknown` by zod's preprocess.
  const targets = (fields.typeTarget as unknown as FieldMetadata<string[], never, string[]>).getFieldList();
  const headerOptions = [{ value: '', label: t('imports.notInFile') }, ...run.headers.map((h) => ({ value: h, label: h }))];
  const typeOptions = [
    { value: '', label: t('imports.rejectRows') },
    ...run.types.map((ty) => ({ value: ty.code, label: `${localized(ty.name, lng).text} (${ty.code})` })),
  ];
  const validated = run.status === 'validated';
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/imports', label: t('imports.title') }]} />
      <h1>{t('imports.runHeading', { file: run.fileName })}</h1>
      <p className="muted">
        {t('imports.uploaded', {
          date: formatDateTime(run.createdAt, lng, city.timeZone),
          who: run.createdBy ?? t(`imports.via.${run.via}`),
        })}
        {' · '}
        {t(`imports.status.${run.status}`)}
      </p>
      {run.failure ? (
        <div role="alert" className="alert alert-error">
          <ErrorText messages={[run.failure]} />
        </div>
      ) : null}
      <FormErrors form={form} />

      {run.status === 'running' || run.status === 'completed' ? <Progress run={run} since={since} /> : null}

      {run.status === 'failed' ? (
        <PostForm>
          <input type="hidden" name="intent" value="resume" />
          <p>{t('imports.resumeText', { done: formatNumber(run.processed, lng) })}</p>
          <button type="submit" className="button">
            {t('imports.resume')}
          </button>
        </PostForm>
      ) : null}

      {run.editable ? (
        <section aria-labelledby="mapping">
          <h2 id="mapping">{t('imports.mappingTitle')}</h2>
          <p>{t('imports.mappingIntro')}</p>
          <PostForm form={form}>
            <fieldset>
              <legend>{t('imports.columnsLegend')}</legend>
              <div className="filters">
                {IMPORT_FIELDS.map((field) => (
                  <SelectField
                    key={field}
                    field={columns[field]}
                    label={
                      REQUIRED_FIELDS.includes(field)
                        ? t('imports.requiredField', { field: t(`imports.fields.${field}`) })
                        : t(`imports.fields.${field}`)
                    }
                    options={headerOptions}
                  />
                ))}
              </div>
            </fieldset>
            <SelectField
              field={fields.dateOrder}
              label={t('imports.dateOrder')}
              hint={t('imports.dateOrderHint')}
              options={[
                { value: 'mdy', label: t('imports.dateOrders.mdy') },
                { value: 'dmy', label: t('imports.dateOrders.dmy') },
              ]}
            />
            {run.unknownTypes.length ? (
              <fieldset>
                <legend>{t('imports.unknownTypesLegend')}</legend>
                <p className="hint">{t('imports.unknownTypesHint')}</p>
                {run.unknownTypes.map((u, i) => (
                  <div key={u.value}>
                    <input type="hidden" name={`${fields.typeValue.name}[${i}]`} value={u.value} />
                    <SelectField
                      field={targets[i] ?? fields.typeTarget}
                      label={t('imports.unknownTypeLabel', { value: u.value, count: u.rows })}
                      options={typeOptions}
                    />
                  </div>
                ))}
              </fieldset>
            ) : null}
            <div className="actions">
              <button type="submit" name="intent" value="validate" className="button button-secondary">
                {t('imports.validate')}
              </button>
              <button type="submit" name="intent" value="import" className="button">
                {t('imports.import')}
              </button>
            </div>
          </PostForm>
        </section>
      ) : null}

      {validated || run.status === 'completed' || run.status === 'failed' ? <Counts run={run} dryRun={validated} /> : null}
      {run.reportCount > 0 || validated || run.status === 'completed' ? <Report run={run} /> : null}
    </div>
  );
}

type Run = ReturnType<typeof useLoaderData<typeof loader>>['run'];

function Counts({ run, dryRun }: { run: Run; dryRun: boolean }) {
  const { t, i18n } = useTranslation('admin');
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <section aria-labelledby="counts">
      <h2 id="counts">{dryRun ? t('imports.dryRunTitle') : t('imports.summaryTitle')}</h2>
      <dl className="details">
        <dt>{t('imports.counts.total')}</dt>
        <dd>{n(run.total)}</dd>
        <dt>{dryRun ? t('imports.counts.toImport') : t('imports.counts.imported')}</dt>
        <dd>{n(run.imported)}</dd>
        <dt>{t('imports.counts.alreadyPresent')}</dt>
        <dd>{n(run.alreadyPresent)}</dd>
        <dt>{t('imports.counts.rejected')}</dt>
        <dd>{n(run.rejected)}</dd>
      </dl>
    </section>
  );
}

/** The progress bar: the stored counts, then each committed batch's event (with JavaScript). */
function Progress({ run, since }: { run: Run; since: number }) {
  const { t, i18n } = useTranslation('admin');
  const revalidator = useRevalidator();
  const [live, setLive] = useState<ImportProgress | null>(null);
  useLive([`import:${run.id}`], since, (event) => {
    if (event.type !== 'import.progress') return;
    const progress = event.payload as unknown as ImportProgress;
    setLive(progress);
    if (progress.status === 'completed' && revalidator.state === 'idle') revalidator.revalidate();
  });
  const done = run.status === 'completed';
  const percent = done ? 100 : (live?.percent ?? (run.total ? Math.floor(((run.processed + run.rejected) * 100) / run.total) : 0));
  const imported = live?.imported ?? run.imported;
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <section aria-labelledby="progress">
      <h2 id="progress">{t('imports.progressTitle')}</h2>
      <label htmlFor="import-progress">{t('imports.progressLabel')}</label>
      <progress id="import-progress" max={100} value={percent}>
        {percent}%
      </progress>
      <p aria-live="polite" data-progress={percent}>
        {t('imports.progressText', { percent: n(percent), imported: n(imported), total: n(run.total) })}
      </p>
      {!done ? (
        <p>
          <Link to={`/admin/imports/${run.id}`} reloadDocument>
            {t('imports.refresh')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function Report({ run }: { run: Run }) {
  const { t, i18n } = useTranslation('admin');
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <section aria-labelledby="report">
      <h2 id="report">{t('imports.reportTitle')}</h2>
      {run.reportCount === 0 ? (
        <p>{t('imports.reportEmpty')}</p>
      ) : (
        <>
          <p>
            {run.reportCount > run.report.length
              ? t('imports.reportShown', { shown: n(run.report.length), count: run.reportCount })
              : t('imports.reportCount', { count: run.reportCount })}{' '}
            <a href={`/admin/imports/${run.id}.csv`} download>
              {t('imports.reportDownload')}
            </a>
          </p>
          <TableScroller>
            <table>
              <caption className="visually-hidden">{t('imports.reportTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.reportColumns.row')}</th>
                  <th scope="col">{t('imports.reportColumns.field')}</th>
                  <th scope="col">{t('imports.reportColumns.problem')}</th>
                  <th scope="col">{t('imports.reportColumns.value')}</th>
                </tr>
              </thead>
              <tbody>
                {run.report.map((p, i) => (
                  <tr key={i}>
                    <td>{n(p.row)}</td>
                    <td>{t(`imports.fields.${p.field}`)}</td>
                    <td>
                      <ProblemText problem={p.problem} />
                    </td>
                    <td>{p.value ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        </>
      )}
    </section>
  );
}

function ProblemText({ problem }: { problem: string }) {
  const { t } = useTranslation();
  const [key, values] = splitMessage(problem);
  return <>{t(key, values)}</>;
}
