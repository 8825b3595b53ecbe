import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { UploadForm } from '~/components/ui/forms';
import { DataTable } from '~/components/ui/data-table';
import { callerFor } from '~/lib/caller.server';
import { formatDateTime, formatNumber } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { respondToForm } from '~/lib/respond.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requirePermission } from '~/modules/identity/guards.server';
import { readCsvUpload } from '~/modules/requests/legacy-import/csv.server';
import { IMPORT_MAX_BYTES, UploadFormSchema } from '~/modules/requests/legacy-import/fields';
import { listImportRuns } from '~/modules/requests/legacy-import/queries.server';
import { createImportRun } from '~/modules/requests/legacy-import/runs.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:imports.title');

/** Legacy import (admins only): upload a CSV file of historical requests; the runs so far. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-import');
  return json(
    { runs: await listImportRuns(), maxMegabytes: IMPORT_MAX_BYTES / 1024 / 1024 },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:request-import');
  const upload = await readCsvUpload(request, IMPORT_MAX_BYTES);
  if (!upload.ok) return upload.reply;
  const run = await createImportRun(callerFor(user, context), { fileName: upload.fileName, text: upload.text });
  if (!run.ok) return respondToForm(upload.submission, run);
  return redirect(`/admin/imports/${run.value.id}`, { status: 303 });
}

export default function AdminImports() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const { runs, maxMegabytes } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(UploadFormSchema, { lastResult: useActionData<typeof action>() });
  const lng = i18n.language;
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('imports.title')}</h1>
      <p>{t('imports.intro')}</p>
      <section aria-labelledby="upload">
        <h2 id="upload">{t('imports.uploadTitle')}</h2>
        <UploadForm
          form={form}
          field={fields.file}
          label={t('imports.file')}
          hint={t('imports.fileHint', { size: formatNumber(maxMegabytes, lng) })}
          submit={t('imports.upload')}
        />
      </section>
      <section aria-labelledby="runs">
        <h2 id="runs">{t('imports.runsTitle')}</h2>
        {runs.length === 0 ? (
          <p>{t('imports.noRuns')}</p>
        ) : (
          <DataTable
            caption={t('imports.runsTitle')}
            captionHidden
            rows={runs}
            rowKey={(r) => r.id}
            columns={[
              {
                key: 'file',
                header: t('imports.fileName'),
                rowHeader: true,
                cell: (r) => <Link to={`/admin/imports/${r.id}`}>{r.fileName}</Link>,
              },
              {
                key: 'when',
                header: t('imports.when'),
                cell: (r) => (
                  <>
                    <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, lng, city.timeZone, 'short')}</time>
                    <span className="muted"> · {r.createdBy ?? t(`imports.via.${r.via}`)}</span>
                  </>
                ),
              },
              { key: 'status', header: t('imports.statusLabel'), cell: (r) => t(`imports.status.${r.status}`) },
              ...(['total', 'imported', 'alreadyPresent', 'rejected'] as const).map((count) => ({
                key: count,
                header: t(`imports.counts.${count}`),
                cell: (r: (typeof runs)[number]) => formatNumber(r[count], lng),
              })),
            ]}
          />
        )}
      </section>
    </div>
  );
}
