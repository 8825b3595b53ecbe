import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/card';
import { IntentForm } from '~/components/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { PhaseTimeline } from '~/modules/budgets/components/phase-timeline';
import { ProcessFacts } from '~/modules/budgets/components/process-facts';
import { loadProcess } from '~/modules/budgets/guards.server';
import { advancePhase } from '~/modules/budgets/processes.server';
import { PhaseActionSchema } from '~/modules/budgets/schemas';
import { nextPhase } from '~/modules/budgets/values';
import { requirePermission } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:staff.processTitle');

/** Running one process: its figures and timeline, and moving it to its next phase. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:budget');
  const process = await loadProcess(params.slug);
  return json({ process }, { headers: { 'Cache-Control': 'private, no-store' } });
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
  const { process } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const title = localized(process.title, i18n.language);
  const next = nextPhase(process.phase);
  return (
    <div className="stack">
      <h1 lang={title.lang}>{title.text}</h1>
      <p>
        <Link to={`/budgets/${process.slug}`}>{t('staff.publicPage')}</Link> ·{' '}
        <Link to={`/channels/${process.channelSlug}`}>{t('process.forum')}</Link>
      </p>
      <ProcessFacts process={process} />
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
    </div>
  );
}
