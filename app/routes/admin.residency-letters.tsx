import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { DataTable } from '~/components/ui/data-table';
import { FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { formatDateTime, formatNumber } from '~/lib/format';
import { localized, type LocalizedText } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { LETTERS_PER_PRINT, pendingLetters, printLetters, type Letter } from '~/modules/budgets/eligibility/letters.server';
import { PrintLettersSchema } from '~/modules/budgets/eligibility/schemas';
import { requirePermission } from '~/modules/identity/guards.server';
import letterStyles from '~/styles/residency-letters.css';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'eligibility:letters.title');
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: letterStyles }];
/** Never kept by a browser or a proxy: the printout carries the codes. */
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

/** Residency letters (admins only): the requests waiting for a letter, and printing them. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'print:residency-letter');
  const pending = await pendingLetters();
  return json(
    {
      perPrint: LETTERS_PER_PRINT,
      pending: pending.map((p) => ({
        id: p.id,
        name: p.user.displayName,
        address: p.address,
        neighborhood: p.neighborhood.name as LocalizedText,
        createdAt: p.createdAt.toISOString(),
      })),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

/** The letters come back in this answer only (never stored, never cached): their codes are not kept. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'print:residency-letter');
  const submission = await readSubmission(request, PrintLettersSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const printed = await printLetters(callerFor(user, context));
  if (!printed.ok) return respondToForm(submission, printed);
  return json({ letters: printed.value }, { headers: { 'Cache-Control': 'no-store' } });
}

export default function ResidencyLetters() {
  const { t, i18n } = useTranslation('eligibility');
  const { city } = useRootData();
  const { pending, perPrint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useSchemaForm(PrintLettersSchema, { lastResult, id: 'print' });
  const lng = i18n.language;
  const letters = lastResult && 'letters' in lastResult ? (lastResult.letters as Letter[]) : null;
  if (letters) return <Printout letters={letters} />;
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('letters.title')}</h1>
      <p>{t('letters.intro')}</p>
      <DataTable
        caption={t('letters.pendingTitle')}
        rows={pending}
        rowKey={(p) => p.id}
        empty={t('letters.none')}
        columns={[
          { key: 'name', header: t('letters.person'), rowHeader: true, cell: (p) => p.name },
          { key: 'address', header: t('letters.address'), cell: (p) => <span className="letter-address">{p.address}</span> },
          { key: 'neighborhood', header: t('letters.neighborhood'), cell: (p) => localized(p.neighborhood, lng).text },
          {
            key: 'asked',
            header: t('letters.asked'),
            cell: (p) => <time dateTime={p.createdAt}>{formatDateTime(p.createdAt, lng, city.timeZone, 'short')}</time>,
          },
        ]}
      />
      {pending.length ? (
        <PostForm form={form}>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="print" />
          <p className="hint">{t('letters.printHint', { max: formatNumber(perPrint, lng) })}</p>
          <SubmitButton>{t('letters.print', { count: pending.length })}</SubmitButton>
        </PostForm>
      ) : null}
    </div>
  );
}

/** The printable letters, one per page, each in its reader's language; shown once. */
function Printout({ letters }: { letters: Letter[] }) {
  const { t } = useTranslation('eligibility');
  return (
    <div className="stack">
      <div className="no-print stack">
        <h1>{t('letters.printedTitle')}</h1>
        <p role="status">{t('letters.printedIntro', { count: letters.length })}</p>
      </div>
      {letters.map((l) => (
        <article key={l.id} className="letter" lang={l.lang} aria-labelledby={`letter-${l.id}`}>
          <p>
            <strong>{l.city}</strong>
          </p>
          <p className="letter-address">
            {l.name}
            {'\n'}
            {l.address}
          </p>
          <h2 id={`letter-${l.id}`}>{l.title}</h2>
          <p>{l.greeting}</p>
          <p>{l.body}</p>
          <p>
            {l.codeLabel} <strong className="letter-code">{l.code}</strong>
          </p>
          <p>{l.how}</p>
        </article>
      ))}
    </div>
  );
}
