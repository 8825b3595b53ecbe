import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { DataTable } from '~/components/ui/data-table';
import { UploadForm } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { formatNumber } from '~/lib/format';
import { splitMessage } from '~/lib/forms';
import { pageTitle } from '~/lib/meta';
import { respondToForm } from '~/lib/respond.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { formatMoney } from '~/modules/budgets/money';
import { importBudgetFacts, type ImportSummary } from '~/modules/budgets/facts/import.server';
import type { FactProblem } from '~/modules/budgets/facts/rows';
import { cityCurrency, factYears } from '~/modules/budgets/facts/queries.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { readCsvUpload } from '~/modules/requests/legacy-import/csv.server';
import { UploadFormSchema } from '~/modules/requests/legacy-import/fields';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budget-facts:staff.title');

/** A fiscal year, linked to its public page. */
const YearLink = ({ year }: { year: number }) => <Link to={`/budgets/facts?year=${year}`}>{year}</Link>;

/** A budget is a few thousand lines at most: 2 MB is far more than one needs. */
const MAX_BYTES = 2 * 1024 * 1024;

/** Budget facts (staff): import the city budget from a CSV file, see its report, the years published. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:budget');
  const [years, currency] = await Promise.all([factYears(), cityCurrency()]);
  return json({ years, currency, maxMegabytes: MAX_BYTES / 1024 / 1024 }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:budget');
  const upload = await readCsvUpload(request, MAX_BYTES);
  if (!upload.ok) return upload.reply;
  const result = await importBudgetFacts(callerFor(user, context), { fileName: upload.fileName, csv: upload.file });
  if ('problems' in result) return json({ fileName: upload.fileName, problems: result.problems }, { status: 400 });
  if (!result.ok) return respondToForm(upload.submission, result);
  return json({ fileName: upload.fileName, imported: result.value });
}

export default function StaffBudgetFacts() {
  const { t, i18n } = useTranslation('budget-facts');
  const { years, currency, maxMegabytes } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(UploadFormSchema, { lastResult: data, id: 'budget-facts-import' });
  const lng = i18n.language;
  const num = (n: number) => formatNumber(n, lng);
  const money = (minor: string) => formatMoney(minor, currency, lng);
  // The action's answers besides the form's reply: the report of a refused file, or what was imported.
  const report = data && 'problems' in data ? (data as { problems: FactProblem[] }) : null;
  const imported = data && 'imported' in data ? (data as { imported: ImportSummary }).imported : null;
  return (
    <div className="stack">
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.intro')}</p>
      <section aria-labelledby="upload">
        <h2 id="upload">{t('staff.uploadTitle')}</h2>
        <UploadForm
          form={form}
          field={fields.file}
          label={t('staff.file')}
          hint={t('staff.fileHint', { currency, size: num(maxMegabytes) })}
          submit={t('staff.upload')}
        />
      </section>
      {report ? (
        <section aria-labelledby="report" className="stack">
          <h2 id="report">{t('staff.reportTitle')}</h2>
          <p role="alert">{t('staff.reportIntro', { count: report.problems.length, formattedCount: num(report.problems.length) })}</p>
          <DataTable
            caption={t('staff.reportCaption')}
            captionHidden
            rows={report.problems}
            rowKey={(p) => `${p.line}|${p.column}|${p.problem}`}
            columns={[
              { key: 'line', header: t('staff.line'), rowHeader: true, cell: (p) => num(p.line) },
              { key: 'column', header: t('staff.column'), cell: (p) => (p.column ? t(`columns.${p.column}`) : t('staff.wholeLine')) },
              { key: 'problem', header: t('staff.problem'), cell: (p) => <Problem text={p.problem} /> },
              { key: 'value', header: t('staff.value'), cell: (p) => p.value ?? '' },
            ]}
          />
        </section>
      ) : null}
      {imported ? (
        <section aria-labelledby="imported" className="stack">
          <h2 id="imported">{t('staff.importedTitle')}</h2>
          <p role="status">
            {t('staff.importedIntro', { count: imported.lines, formattedCount: num(imported.lines) })}{' '}
            {imported.newTopics ? t('staff.newTopics', { count: imported.newTopics, formattedCount: num(imported.newTopics) }) : null}
          </p>
          <DataTable
            caption={t('staff.importedCaption')}
            captionHidden
            rows={imported.years}
            rowKey={(y) => String(y.fiscalYear)}
            columns={[
              { key: 'year', header: t('columns.fiscalYear'), rowHeader: true, cell: (y) => y.fiscalYear },
              { key: 'lines', header: t('staff.lines'), cell: (y) => num(y.lines) },
              { key: 'total', header: t('staff.total'), cell: (y) => money(y.total) },
              { key: 'replaced', header: t('staff.replaced'), cell: (y) => num(y.replaced) },
            ]}
          />
        </section>
      ) : null}
      <section aria-labelledby="years" className="stack">
        <h2 id="years">{t('staff.yearsTitle')}</h2>
        <DataTable
          labelledBy="years"
          rows={years}
          rowKey={(y) => String(y.fiscalYear)}
          empty={t('staff.noYears')}
          columns={[
            { key: 'year', header: t('columns.fiscalYear'), rowHeader: true, cell: (y) => <YearLink year={y.fiscalYear} /> },
            { key: 'lines', header: t('staff.lines'), cell: (y) => num(y.lines) },
            { key: 'total', header: t('staff.total'), cell: (y) => money(y.total) },
          ]}
        />
        <p>
          <Link to="/budgets/facts">{t('staff.publicPage')}</Link>
        </p>
      </section>
    </div>
  );
}

function Problem({ text }: { text: string }) {
  const { t } = useTranslation();
  const [key, values] = splitMessage(text);
  return <>{t(key, values)}</>;
}
