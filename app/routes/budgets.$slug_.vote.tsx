import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { BallotForm } from '~/modules/budgets/components/ballot-form';
import { eligibleNeighborhood } from '~/modules/budgets/eligibility/eligibility.server';
import { loadProcess } from '~/modules/budgets/guards.server';
import { formatMoney } from '~/modules/budgets/money';
import { BallotSchema } from '~/modules/budgets/schemas';
import { ballotFor, castBallot, currentBallot } from '~/modules/budgets/voting.server';
import { requireUser } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:vote.title');

/** Voting is open only in the voting phase (else 403); signed in (else sign in first). */
async function guard(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const process = await loadProcess(slug);
  if (process.phase !== 'voting') throw refuse(fail.forbidden());
  return { user, process };
}

/**
 * A resident's ballot: the projects of their district with their costs, their current choices to
 * change until the close, or, when their residency is not verified, how to get it verified.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, process } = await guard(request, params.slug);
  const neighborhoodId = await eligibleNeighborhood(user.id, process);
  const base = {
    process: {
      slug: process.slug,
      title: process.title,
      currency: process.currency,
      votingMethod: process.votingMethod,
      minChoices: process.minChoices,
      maxChoices: process.maxChoices,
    },
    closesAt: process.phases.find((p) => p.phase === 'voting')?.endsAt ?? null,
  };
  if (!neighborhoodId) return json({ ...base, eligible: false as const }, { headers: { 'Cache-Control': 'private, no-store' } });
  const [{ budget, projects }, ballot] = await Promise.all([ballotFor(process, neighborhoodId), currentBallot(process.id, user.id)]);
  return json(
    { ...base, eligible: true as const, budget: budget.toString(), projects, ballot },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, process } = await guard(request, params.slug);
  const submission = await readSubmission(request, BallotSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await castBallot(callerFor(user, context), process, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(`/budgets/${process.slug}/vote`, { kind: 'success', key: 'budgets:vote.recorded' }, { status: 303 });
}

export default function Vote() {
  const { t, i18n } = useTranslation('budgets');
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { city } = useRootData();
  const lng = i18n.language;
  const title = localized(data.process.title, lng);
  const closes = data.closesAt ? formatDate(new Date(new Date(data.closesAt).getTime() - 1), lng, city.timeZone) : null;
  const p = data.process;
  const rule = (budget: string) =>
    p.votingMethod === 'knapsack'
      ? t('ballot.knapsack', { total: formatMoney(budget, p.currency, lng) })
      : p.maxChoices
        ? t('ballot.approvalBetween', { min: p.minChoices, max: p.maxChoices })
        : t('ballot.approvalAtLeast', { count: p.minChoices });
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/budgets/${p.slug}`} lang={title.lang}>
          {title.text}
        </Link>
      </p>
      <h1>{t('vote.title')}</h1>
      {data.eligible ? (
        <>
          <p>
            {data.ballot.version ? t('vote.yourBallot') : t('vote.intro')} {closes ? t('vote.closes', { date: closes }) : null}
          </p>
          <p>{rule(data.budget)}</p>
          <p>{t('vote.secret')}</p>
          {data.projects.length ? (
            <BallotForm
              slug={p.slug}
              projects={data.projects}
              chosen={data.ballot.choices}
              version={data.ballot.version}
              currency={p.currency}
              budget={data.budget}
              knapsack={p.votingMethod === 'knapsack'}
              lastResult={lastResult}
            />
          ) : (
            <p>{t('vote.noProjects')}</p>
          )}
        </>
      ) : (
        <Card title={t('vote.notEligibleTitle')} id="eligibility" boxed>
          <p>{t('vote.notEligible')}</p>
          <p>
            <Link to="/account/residency">{t('vote.verify')}</Link>
          </p>
        </Card>
      )}
    </div>
  );
}
