import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvDownload } from '~/lib/csv.server';
import { splitMessage } from '~/lib/forms';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { getT } from '~/modules/identity/locale.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { importReport } from '~/modules/requests/legacy-import/queries.server';

/**
 * /admin/imports/<id>.csv: a run's validation report (row, field, problem, value) in the reader's
 * language, with a BOM for spreadsheets and formulas escaped (values come from the uploaded file).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-import');
  const report = await importReport(params.id ?? '');
  if (!report) throw refuse(fail.notFound());
  const t = await getT(request, 'admin');
  const columns = ['row', 'field', 'problem', 'value'] as const;
  const rows = report.report.map((p) => {
    const [key, values] = splitMessage(p.problem);
    return { row: p.row, field: t(`imports.fields.${p.field}`), problem: t(key, values), value: p.value ?? '' };
  });
  const name =
    report.fileName
      .replace(/\.csv$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .slice(0, 80) || 'import';
  return csvDownload(
    `${name}-report.csv`,
    columns.map((key) => ({ key, header: t(`imports.reportColumns.${key}`) })),
    rows,
  );
}
