import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { AuthorName } from '~/components/author-name';
import { StatusBadge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { PhotoList } from '~/components/photo-list';
import { DescriptionList } from '~/components/ui/description-list';
import { IntentForm } from '~/components/ui/forms';
import { callerFor, callerOf } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate, formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { MergeForm, ProgressForm, ReviewForm } from '~/modules/budgets/components/review-forms';
import { loadProcess } from '~/modules/budgets/guards.server';
import { amountText, formatMoney } from '~/modules/budgets/money';
import { mayEditProposal, mayReportProgress, mayReview, maySupport } from '~/modules/budgets/policy';
import { listProposals, proposalPage } from '~/modules/budgets/proposal-queries.server';
import { mergeProposal, reportProgress, reviewProposal, setSupport, withdrawProposal } from '~/modules/budgets/proposals.server';
import { ProposalActionSchema } from '~/modules/budgets/schemas';
import { RichText } from '~/modules/content/components/rich-text';
import { requireUser } from '~/modules/identity/guards.server';
import { ReloadOn } from '~/modules/realtime/components/reload-on';
import { roomOf } from '~/modules/realtime/names';
import { latestEventId } from '~/modules/realtime/publish.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:proposal.metaTitle');

async function load(slug: string | undefined, id: string | undefined, userId: string | null) {
  const process = await loadProcess(slug);
  const proposal = id ? await proposalPage(process.id, id, userId) : null;
  if (!proposal) throw refuse(fail.notFound());
  return { process, proposal };
}

/** A proposal's page: what it is, its cost and review, supports and discussion; its author's and staff's actions. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const since = await latestEventId();
  const { user } = await callerOf(request, context);
  const { process, proposal } = await load(params.slug, params.id, user?.id ?? null);
  const reviews = !!user && mayReview(user, process.phase);
  const others = reviews
    ? (await listProposals(process.id, { sort: 'newest' })).filter((p) => p.id !== proposal.id).map((p) => ({ id: p.id, title: p.title }))
    : [];
  return json(
    {
      since,
      process: { id: process.id, slug: process.slug, title: process.title, currency: process.currency, phase: process.phase },
      proposal,
      may: {
        support: !!user && maySupport(user, proposal, process.phase),
        edit: !!user && mayEditProposal(user, proposal, process.phase),
        review: reviews && proposal.status === 'published',
        report: !!user && mayReportProgress(user, proposal, process.phase),
        signIn: !user && process.phase === 'proposals' && proposal.status === 'published',
      },
      others,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { process, proposal } = await load(params.slug, params.id, user.id);
  const submission = await readSubmission(request, ProposalActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const input = submission.value;
  const here = `/budgets/${process.slug}/proposals/${proposal.id}`;
  switch (input.intent) {
    case 'support':
    case 'unsupport': {
      const result = await setSupport(caller, process, proposal, input.intent === 'support');
      if (!result.ok) return respondToForm(submission, result);
      return redirectWithFlash(here, { kind: 'success', key: `budgets:proposal.${input.intent}ed` }, { status: 303 });
    }
    case 'withdraw': {
      const result = await withdrawProposal(caller, process, proposal);
      if (!result.ok) return respondToForm(submission, result);
      return redirectWithFlash(here, { kind: 'success', key: 'budgets:proposal.withdrawn' }, { status: 303 });
    }
    case 'review': {
      const result = await reviewProposal(caller, process, proposal, input);
      if (!result.ok) return respondToForm(submission, result);
      return redirectWithFlash(here, { kind: 'success', key: 'budgets:review.saved' }, { status: 303 });
    }
    case 'update': {
      const result = await reportProgress(caller, process, proposal, input);
      if (!result.ok) return respondToForm(submission, result);
      return redirectWithFlash(`${here}#updates`, { kind: 'success', key: 'budgets:progress.posted' }, { status: 303 });
    }
    case 'merge': {
      const result = await mergeProposal(caller, process, proposal, input.into);
      if (!result.ok) return respondToForm(submission, result);
      return redirectWithFlash(
        `/budgets/${process.slug}/proposals/${result.value.into}`,
        { kind: 'success', key: 'budgets:review.merged' },
        { status: 303 },
      );
    }
  }
}

export default function ProposalPage() {
  const { t, i18n } = useTranslation('budgets');
  const { since, process, proposal, may, others } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { city } = useRootData();
  const lng = i18n.language;
  const processTitle = localized(process.title, lng);
  const note = proposal.feasibilityNote ? localized(proposal.feasibilityNote, lng) : null;
  return (
    <article className="stack">
      <ReloadOn rooms={[roomOf('budget', process.id)]} types={['budget.proposal', 'budget.phase']} since={since} />
      <p className="trail-link">
        <Link to={`/budgets/${process.slug}`} lang={processTitle.lang}>
          {processTitle.text}
        </Link>
      </p>
      <h1>{proposal.title}</h1>
      <p>
        <StatusBadge status={`feasibility-${proposal.feasibility}`} label={t(`feasibility.${proposal.feasibility}`)} />{' '}
        {proposal.status !== 'published' ? (
          <StatusBadge status={`proposal-${proposal.status}`} label={t(`proposalStatus.${proposal.status}`)} strong />
        ) : null}
      </p>
      {proposal.mergedInto ? (
        <p>
          {t('proposal.mergedInto')}{' '}
          <Link to={`/budgets/${process.slug}/proposals/${proposal.mergedInto.id}`}>{proposal.mergedInto.title}</Link>
        </p>
      ) : null}
      <DescriptionList
        items={[
          { key: 'author', term: t('proposal.author'), value: <AuthorName author={proposal.author} /> },
          { key: 'date', term: t('proposal.submittedOn'), value: formatDate(proposal.createdAt, lng, city.timeZone) },
          { key: 'cost', term: t('proposal.cost'), value: formatMoney(proposal.cost, process.currency, lng) },
          {
            key: 'neighborhood',
            term: t('proposal.neighborhood'),
            value: proposal.neighborhood ? localized(proposal.neighborhood, lng).text : null,
          },
          { key: 'category', term: t('proposal.category'), value: proposal.category ? localized(proposal.category, lng).text : null },
          { key: 'address', term: t('proposal.address'), value: proposal.address },
        ]}
      />
      <RichText doc={proposal.body} />
      {proposal.photos.length ? (
        <Card title={t('proposal.photos')} id="photos-heading">
          <PhotoList
            photos={proposal.photos}
            href={(id) => `/budgets/${process.slug}/proposals/${proposal.id}/photos/${id}`}
            alt={(i) => t('proposal.photoAlt', { number: i + 1, title: proposal.title })}
          />
        </Card>
      ) : null}
      {proposal.fundedRank !== null || proposal.votes !== null ? (
        <p>
          {t('proposal.votes', { count: proposal.votes ?? 0, formatted: formatNumber(proposal.votes ?? 0, lng) })}{' '}
          {proposal.fundedRank !== null ? (
            <StatusBadge status="funded" label={t('results.fundedYes')} strong />
          ) : (
            <span>{t('results.fundedNo')}</span>
          )}{' '}
          {proposal.progress ? <StatusBadge status={`progress-${proposal.progress}`} label={t(`progress.${proposal.progress}`)} /> : null}
        </p>
      ) : null}
      {proposal.updates.length ? (
        <Card title={t('progress.updates')} id="updates">
          <ol className="section-list">
            {proposal.updates.map((u) => {
              const body = localized(u.body, lng);
              return (
                <li key={u.id}>
                  <p>
                    <strong>{t(`progress.${u.progress}`)}</strong> · {formatDate(u.createdAt, lng, city.timeZone)}
                  </p>
                  <p className="pre-wrap" lang={body.lang}>
                    {body.text}
                  </p>
                </li>
              );
            })}
          </ol>
        </Card>
      ) : null}
      {note ? (
        <Card title={t('review.explanation')} id="review-note" boxed>
          <p className="pre-wrap" lang={note.lang}>
            {note.text}
          </p>
        </Card>
      ) : null}
      <Card
        title={t('proposal.supports', { count: proposal.supportCount, formatted: formatNumber(proposal.supportCount, lng) })}
        id="supports"
      >
        {may.support ? (
          proposal.supported ? (
            <IntentForm
              schema={ProposalActionSchema}
              intent="unsupport"
              label={t('proposal.unsupport')}
              lastResult={lastResult}
              secondary
            />
          ) : (
            <IntentForm schema={ProposalActionSchema} intent="support" label={t('proposal.support')} lastResult={lastResult} />
          )
        ) : may.signIn ? (
          <p>
            <Link to={`/signin?redirectTo=${encodeURIComponent(`/budgets/${process.slug}/proposals/${proposal.id}`)}`}>
              {t('proposal.signInToSupport')}
            </Link>
          </p>
        ) : null}
      </Card>
      {proposal.threadId ? (
        <p>
          <Link to={`/threads/${proposal.threadId}`}>{t('proposal.discussion', { count: proposal.replyCount })}</Link>
        </p>
      ) : null}
      {may.edit ? (
        <Card title={t('proposal.yours')} id="yours">
          <p>
            <Link to={`/budgets/${process.slug}/proposals/${proposal.id}/edit`}>{t('proposal.edit')}</Link>
          </p>
          <IntentForm schema={ProposalActionSchema} intent="withdraw" label={t('proposal.withdraw')} lastResult={lastResult} secondary />
        </Card>
      ) : null}
      {may.report ? <ProgressForm lastResult={lastResult} progress={proposal.progress} /> : null}
      {may.review ? (
        <>
          <ReviewForm
            lastResult={lastResult}
            defaultValue={{
              feasibility: proposal.feasibility,
              cost: amountText(BigInt(proposal.cost), process.currency),
              note: proposal.feasibilityNote ?? {},
            }}
          />
          <MergeForm lastResult={lastResult} others={others} />
        </>
      ) : null}
    </article>
  );
}
