import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { UploadForm } from '~/components/ui/forms';
import { TableScroller } from '~/components/ui/table-scroller';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDateTime, formatNumber } from '~/lib/format';
import { splitMessage } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { respondToForm } from '~/lib/respond.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { checkCensus, type CensusProblem } from '~/modules/budgets/eligibility/census-file';
import { censusSummary, replaceCensus } from '~/modules/budgets/eligibility/census.server';
import { CENSUS_MAX_BYTES } from '~/modules/budgets/eligibility/schemas';
import { requirePermission } from '~/modules/identity/guards.server';
import { neighborhoodOptions } from '~/modules/places/queries.server';
import { readCsvUpload } from '~/modules/requests/legacy-import/csv.server';
import { UploadFormSchema } from '~/modules/requests/legacy-import/fields';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'eligibility:census.title');

/** The census (address list) residents are matched against: how it stands, and uploading a new one. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:budget');
  const [summary, neighborhoods] = await Promise.all([censusSummary(), neighborhoodOptions()]);
  return json(
    {
      total: summary.total,
      importedAt: summary.importedAt?.toISOString() ?? null,
      neighborhoods: neighborhoods.map((n) => ({ id: n.id, slug: n.slug, name: n.name, count: summary.perNeighborhood[n.id] ?? 0 })),
      maxMegabytes: CENSUS_MAX_BYTES / 1024 / 1024,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

/**
 * A new list replaces the old one whole, or nothing is stored: a file that cannot be read, or
 * any line that cannot be stored, comes back as the report (400), line by line.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:budget');
  const upload = await readCsvUpload(request, CENSUS_MAX_BYTES);
  if (!upload.ok) return upload.reply;
  const { submission, fileName, file } = upload;
  const checked = checkCensus(file, await neighborhoodOptions());
  if (checked.problems.length) {
    const reply = submission.reply({ formErrors: ['eligibility:census.rejected'] });
    return json({ ...reply, problems: checked.problems }, { status: 400 });
  }
  const result = await replaceCensus(callerFor(user, context), { fileName, rows: checked.rows });
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    '/staff/budgets/census',
    { kind: 'success', key: 'eligibility:flash.censusReplaced', values: { count: result.value.count } },
    { status: 303 },
  );
}

export default function Census() {
  const { t, i18n } = useTranslation('eligibility');
  const { city } = useRootData();
  const { total, importedAt, neighborhoods, maxMegabytes } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(UploadFormSchema, { lastResult, id: 'census' });
  const lng = i18n.language;
  const problems = lastResult && 'problems' in lastResult ? (lastResult.problems as CensusProblem[]) : [];
  return (
    <div className="stack">
      <h1>{t('census.title')}</h1>
      <p>{t('census.intro')}</p>

      <Card title={t('census.currentTitle')} id="current">
        {total === 0 || !importedAt ? (
          <p>{t('census.empty')}</p>
        ) : (
          <>
            <p>
              {t('census.current', { count: total, formatted: formatNumber(total, lng) })}{' '}
              <time dateTime={importedAt}>{formatDateTime(importedAt, lng, city.timeZone, 'short')}</time>
            </p>
            <ul>
              {neighborhoods.map((n) => (
                <li key={n.id}>
                  {localized(n.name, lng).text}: {formatNumber(n.count, lng)}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>

      <Card title={t('census.uploadTitle')} id="upload" boxed>
        <p>{t('census.format')}</p>
        <p>{t('census.neighborhoods', { list: neighborhoods.map((n) => n.slug).join(', ') })}</p>
        <p>{t('census.matching')}</p>
        <UploadForm
          form={form}
          field={fields.file}
          label={t('census.file')}
          hint={t('census.fileHint', { size: formatNumber(maxMegabytes, lng) })}
          submit={t('census.upload')}
        />
      </Card>

      {problems.length ? <Report problems={problems} /> : null}
    </div>
  );
}

/** The lines that kept the file from being stored, as the legacy import reports its rows. */
function Report({ problems }: { problems: CensusProblem[] }) {
  const { t, i18n } = useTranslation('eligibility');
  return (
    <section aria-labelledby="report">
      <h2 id="report">{t('census.reportTitle')}</h2>
      <p>{t('census.reportCount', { count: problems.length, formatted: formatNumber(problems.length, i18n.language) })}</p>
      <TableScroller>
        <table>
          <caption className="visually-hidden">{t('census.reportTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('census.line')}</th>
              <th scope="col">{t('census.problem')}</th>
              <th scope="col">{t('census.value')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => {
              const [key, values] = splitMessage(p.problem);
              return (
                <tr key={i}>
                  <td>{formatNumber(p.line, i18n.language)}</td>
                  <td>{t(key, values)}</td>
                  <td>{p.value ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroller>
    </section>
  );
}
