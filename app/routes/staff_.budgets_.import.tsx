import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '~/components/ui/data-table';
import { FileField, FormErrors, LocalizedTextField, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatNumber } from '~/lib/format';
import { translateMessage } from '~/lib/forms';
import { pageTitle } from '~/lib/meta';
import { respondToForm } from '~/lib/respond.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { importPabulib } from '~/modules/budgets/pabulib.server';
import { PabulibImportSchema } from '~/modules/budgets/schemas';
import type { PabulibProblem } from '~/modules/budgets/tally/pabulib';
import { requirePermission } from '~/modules/identity/guards.server';
import { readTextUpload, readUpload } from '~/modules/requests/legacy-import/csv.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:pabulib.title');

/** Pabulib's published elections are a few MB at most (Warsaw's city-wide ones); the six kept here 300 kB. */
const MAX_BYTES = 10 * 1024 * 1024;

/** Importing a Pabulib .pb file as a closed, counted process (staff with manage:budget). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:budget');
  return json({ maxMegabytes: MAX_BYTES / 1024 / 1024 }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:budget');
  const upload = await readUpload(request, PabulibImportSchema, MAX_BYTES);
  if (!upload.ok) return upload.reply;
  const { submission, file, refuse } = upload;
  const decoded = readTextUpload(file.bytes);
  if (!decoded.ok) return refuse(decoded.error);
  const { slug, title } = submission.value;
  const result = await importPabulib(callerFor(user, context), { slug, title, fileName: file.filename, text: decoded.text });
  // A refused file: its report by line, and the form as typed.
  if ('problems' in result) return json({ ...submission.reply(), problems: result.problems }, { status: 400 });
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(`/budgets/${result.value.slug}`, { kind: 'success', key: 'budgets:pabulib.imported' }, { status: 303 });
}

export default function ImportPabulib() {
  const { t, i18n } = useTranslation('budgets');
  const { maxMegabytes } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(PabulibImportSchema, { lastResult: data, id: 'pabulib-import' });
  const num = (n: number) => formatNumber(n, i18n.language);
  const problems = data && 'problems' in data ? (data as { problems: PabulibProblem[] }).problems : null;
  return (
    <div className="stack">
      <h1>{t('pabulib.title')}</h1>
      <p>{t('pabulib.intro')}</p>
      <FormErrors form={form} />
      <PostForm form={form} encType="multipart/form-data">
        <FileField
          label={t('pabulib.file')}
          hint={t('pabulib.fileHint', { size: num(maxMegabytes) })}
          field={fields.file}
          accept=".pb,text/plain"
          required
        />
        <TextField label={t('create.slug')} hint={t('create.slugHint')} field={fields.slug} required />
        <LocalizedTextField label={t('create.processTitle')} field={fields.title} required="default" />
        <SubmitButton>{t('pabulib.submit')}</SubmitButton>
      </PostForm>
      {problems ? (
        <section aria-labelledby="pabulib-report" className="stack">
          <h2 id="pabulib-report">{t('pabulib.reportTitle')}</h2>
          <p role="alert">{t('pabulib.reportIntro', { count: problems.length, formattedCount: num(problems.length) })}</p>
          <DataTable
            caption={t('pabulib.reportCaption')}
            captionHidden
            rows={problems}
            rowKey={(p) => `${p.line}|${p.message}`}
            columns={[
              { key: 'line', header: t('pabulib.line'), rowHeader: true, cell: (p) => num(p.line) },
              // Pabulib's own words (META, project_id…) stay as the file writes them, in every language.
              { key: 'problem', header: t('pabulib.problem'), cell: (p) => translateMessage(p.message, t, i18n.language) },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
