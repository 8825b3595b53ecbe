import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { ErrorText, PostForm, SubmitButton } from '~/components/forms';
import { TableScroller } from '~/components/table-scroller';
import { callerFor } from '~/lib/caller.server';
import { formatDateTime, formatNumber } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { statusOf } from '~/lib/respond.server';
import { readFormWithFiles } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { readCsv } from '~/modules/requests/legacy-import/csv.server';
import { IMPORT_MAX_BYTES } from '~/modules/requests/legacy-import/fields';
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
  const { files } = await readFormWithFiles(request, { fileField: 'file', maxFiles: 1, maxFileBytes: IMPORT_MAX_BYTES });
  const file = files[0];
  const fail = (error: string, status = 400) => json({ error }, { status });
  if (!file) return fail('admin:imports.errors.noFile');
  if (file.tooLarge) return fail('admin:imports.errors.tooLarge', 413);
  const read = readCsv(file.bytes);
  if (!read.ok) return fail(read.error);
  const run = await createImportRun(callerFor(user, context), { fileName: file.filename, text: read.text });
  if (!run.ok) return fail(run.message ?? '', statusOf(run.code));
  return redirect(`/admin/imports/${run.value.id}`, { status: 303 });
}

export default function AdminImports() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const { runs, maxMegabytes } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const lng = i18n.language;
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('imports.title')}</h1>
      <p>{t('imports.intro')}</p>
      <section aria-labelledby="upload">
        <h2 id="upload">{t('imports.uploadTitle')}</h2>
        {failure ? (
          <div role="alert" className="alert alert-error">
            <ErrorText messages={[failure.error]} />
          </div>
        ) : null}
        <PostForm encType="multipart/form-data" noValidate>
          <div className="field">
            <label htmlFor="import-file">{t('imports.file')}</label>
            <p className="hint" id="import-file-hint">
              {t('imports.fileHint', { size: formatNumber(maxMegabytes, lng) })}
            </p>
            <input id="import-file" type="file" name="file" accept=".csv,text/csv" aria-describedby="import-file-hint" required />
          </div>
          <SubmitButton>{t('imports.upload')}</SubmitButton>
        </PostForm>
      </section>
      <section aria-labelledby="runs">
        <h2 id="runs">{t('imports.runsTitle')}</h2>
        {runs.length === 0 ? (
          <p>{t('imports.noRuns')}</p>
        ) : (
          <TableScroller>
            <table>
              <caption className="visually-hidden">{t('imports.runsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.fileName')}</th>
                  <th scope="col">{t('imports.when')}</th>
                  <th scope="col">{t('imports.statusLabel')}</th>
                  <th scope="col">{t('imports.counts.total')}</th>
                  <th scope="col">{t('imports.counts.imported')}</th>
                  <th scope="col">{t('imports.counts.alreadyPresent')}</th>
                  <th scope="col">{t('imports.counts.rejected')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/admin/imports/${r.id}`}>{r.fileName}</Link>
                    </th>
                    <td>
                      <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, lng, city.timeZone, 'short')}</time>
                      <span className="muted"> · {r.createdBy ?? t(`imports.via.${r.via}`)}</span>
                    </td>
                    <td>{t(`imports.status.${r.status}`)}</td>
                    <td>{formatNumber(r.total, lng)}</td>
                    <td>{formatNumber(r.imported, lng)}</td>
                    <td>{formatNumber(r.alreadyPresent, lng)}</td>
                    <td>{formatNumber(r.rejected, lng)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroller>
        )}
      </section>
    </div>
  );
}
