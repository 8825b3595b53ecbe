import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { IntentForm } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { PhaseTimeline } from '~/modules/budgets/components/phase-timeline';
import { ProcessFacts } from '~/modules/budgets/components/process-facts';
import { loadProcess } from '~/modules/budgets/guards.server';
import { formatMoney } from '~/modules/budgets/money';
import { advancePhase } from '~/modules/budgets/processes.server';
import { listProposals } from '~/modules/budgets/proposal-queries.server';
import { turnout } from '~/modules/budgets/voting.server';
import { PhaseActionSchema } from '~/modules/budgets/schemas';
import { nextPhase } from '~/modules/budgets/values';
import { requirePermission } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:staff.processTitle');

/** Running one process: its figures and timeline, and moving it to its next phase. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:budget');
  const process = await loadProcess(params.slug);
  const [proposals, voters] = await Promise.all([listProposals(process.id, { sort: 'newest' }), turnout(process.id)]);
  return json({ process, proposals, voters }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:budget');
  const process = await loadProcess(params.slug);
  const submission = await readSubmission(request, PhaseActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await advancePhase(callerFor(user, context), process, submission.value.from);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    `/staff/budgets/${process.slug}`,
    { kind: 'success', key: `budgets:staff.movedTo.${result.value.phase}` },
    { status: 303 },
  );
}

export default function StaffProcess() {
  const { t, i18n } = useTranslation('budgets');
  const { process, proposals, voters } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const lastResult = useActionData<typeof action>();
  const title = localized(process.title, lng);
  const next = nextPhase(process.phase);
  return (
    <div className="stack">
      <h1 lang={title.lang}>{title.text}</h1>
      <p>
        <Link to={`/budgets/${process.slug}`}>{t('staff.publicPage')}</Link> ·{' '}
        <Link to={`/channels/${process.channelSlug}`}>{t('process.forum')}</Link>
      </p>
      <ProcessFacts process={process} />
      {process.phase === 'voting' || process.closedAt ? (
        <Card title={t('staff.turnout')} id="turnout">
          <p>{t('staff.turnoutFigures', { web: formatNumber(voters.web ?? 0, lng), paper: formatNumber(voters.paper ?? 0, lng) })}</p>
          {process.phase === 'voting' ? (
            <p>
              <Link to={`/staff/budgets/${process.slug}/paper`}>{t('paper.title')}</Link>
            </p>
          ) : null}
        </Card>
      ) : null}
      <Card title={t('process.timeline')} id="timeline">
        <PhaseTimeline phases={process.phases} current={process.phase} />
        {next ? (
          <>
            <p>{t(`staff.nextPhase.${next}`)}</p>
            <IntentForm
              schema={PhaseActionSchema}
              intent="advance"
              fields={{ from: process.phase }}
              label={t('staff.advance', { phase: t(`phases.${next}`) })}
              lastResult={lastResult}
            />
          </>
        ) : (
          <p>{t('staff.lastPhase')}</p>
        )}
      </Card>
      <Card title={t('proposals.title')} id="proposals">
        <p>{t('staff.reviewIntro')}</p>
        <DataTable
          caption={t('proposals.title')}
          captionHidden
          rows={proposals}
          rowKey={(p) => p.id}
          empty={t('proposals.none')}
          columns={[
            {
              key: 'title',
              header: t('proposal.title'),
              rowHeader: true,
              cell: (p) => <Link to={`/budgets/${process.slug}/proposals/${p.id}`}>{p.title}</Link>,
            },
            { key: 'cost', header: t('proposal.cost'), cell: (p) => formatMoney(p.cost, process.currency, lng) },
            { key: 'supports', header: t('staff.supports'), cell: (p) => formatNumber(p.supportCount, lng) },
            {
              key: 'feasibility',
              header: t('review.feasibility'),
              cell: (p) => <StatusBadge status={`feasibility-${p.feasibility}`} label={t(`feasibility.${p.feasibility}`)} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
