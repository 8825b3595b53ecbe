import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SelectField, SubmitButton } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { loadProcess, proposalChoices } from '~/modules/budgets/guards.server';
import { formatMoney } from '~/modules/budgets/money';
import { listProposals } from '~/modules/budgets/proposal-queries.server';
import { PaperBallotSchema } from '~/modules/budgets/schemas';
import { castPaperBallot } from '~/modules/budgets/voting.server';
import { ChoiceGroup } from '~/modules/requests/components/answer-fields';
import { requirePermission } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:paper.title');

async function guard(request: Request, slug: string | undefined) {
  const user = await requirePermission(request, 'manage:budget');
  const process = await loadProcess(slug);
  if (process.phase !== 'voting') throw refuse(fail.forbidden());
  return { user, process };
}

/** Staff type in a paper ballot (a voter without an account): the voter's neighborhood and their choices, checked as a web ballot is. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { process } = await guard(request, params.slug);
  const [{ neighborhoods }, projects] = await Promise.all([proposalChoices(process), listProposals(process.id, { sort: 'title' }, true)]);
  return json(
    { process: { slug: process.slug, title: process.title, currency: process.currency }, neighborhoods, projects },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, process } = await guard(request, params.slug);
  const submission = await readSubmission(request, PaperBallotSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await castPaperBallot(callerFor(user, context), process, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(`/staff/budgets/${process.slug}/paper`, { kind: 'success', key: 'budgets:paper.recorded' }, { status: 303 });
}

export default function PaperBallot() {
  const { t, i18n } = useTranslation('budgets');
  const { process, neighborhoods, projects } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const [form, fields] = useSchemaForm(PaperBallotSchema, { lastResult: useActionData<typeof action>(), id: 'paper-ballot' });
  const title = localized(process.title, lng);
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/staff/budgets/${process.slug}`} lang={title.lang}>
          {title.text}
        </Link>
      </p>
      <h1>{t('paper.title')}</h1>
      <p>{t('paper.intro')}</p>
      <PostForm form={form}>
        <FormErrors form={form} />
        <SelectField
          label={t('paper.neighborhood')}
          field={fields.neighborhoodId}
          options={[
            { value: '', label: t('review.choose') },
            ...neighborhoods.map((n) => ({ value: n.id, label: localized(n.name, lng).text })),
          ]}
        />
        <ChoiceGroup
          type="checkbox"
          field={fields.choices}
          label={t('vote.projects')}
          options={projects.map((p) => ({ value: p.id, label: `${p.title} · ${formatMoney(p.cost, process.currency, lng)}` }))}
        />
        <SubmitButton>{t('paper.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
