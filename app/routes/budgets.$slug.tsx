import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { FormErrors, GetForm, SelectField, SubmitButton } from '~/components/ui/forms';
import { callerOf } from '~/lib/caller.server';
import { localized, type LocalizedText } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { PhaseTimeline } from '~/modules/budgets/components/phase-timeline';
import { ProcessFacts } from '~/modules/budgets/components/process-facts';
import { ProcessResults } from '~/modules/budgets/components/process-results';
import { ProposalList } from '~/modules/budgets/components/proposal-list';
import { firstPhotos } from '~/modules/requests/intake/photo-uploads.server';
import { ensureCounted } from '~/modules/budgets/close.server';
import { processResults } from '~/modules/budgets/queries.server';
import { loadProcess, proposalChoices } from '~/modules/budgets/guards.server';
import { mayPropose } from '~/modules/budgets/policy';
import { listProposals, proposalFilterFromUrl } from '~/modules/budgets/proposal-queries.server';
import { ProposalFilterSchema } from '~/modules/budgets/schemas';
import { PROPOSAL_SORTS } from '~/modules/budgets/values';
import { useSchemaForm } from '~/lib/use-schema-form';
import { ReloadOn } from '~/modules/realtime/components/reload-on';
import { roomOf } from '~/modules/realtime/names';
import { latestEventId } from '~/modules/realtime/publish.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:process.metaTitle');

/**
 * A participatory budget's public page: what it is for, its figures and timeline, and what one may
 * do in the current phase. It follows the phase live (room `budget:<id>`).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  // Read before the process: a phase move committed in between is then replayed, not lost.
  const since = await latestEventId();
  const [process, { user }] = await Promise.all([loadProcess(params.slug), callerOf(request, context)]);
  const choices = await proposalChoices(process);
  const parsed = proposalFilterFromUrl(new URL(request.url), choices);
  const listed = parsed.ok ? await listProposals(process.id, parsed.filter) : [];
  const photos = await firstPhotos(
    'proposal',
    listed.map((p) => p.id),
  );
  const proposals = listed.map((p) => ({ ...p, photo: photos.get(p.id) ?? null }));
  const results = (await ensureCounted(process)) ? await processResults(process.id) : null;
  return json(
    {
      process,
      since,
      choices,
      proposals,
      reply: parsed.ok ? undefined : parsed.reply,
      values: parsed.values,
      results,
      may: {
        propose: !!user && mayPropose(user, process.phase),
        signInToPropose: !user && process.phase === 'proposals',
        vote: !!user && process.phase === 'voting',
        signInToVote: !user && process.phase === 'voting',
      },
    },
    { status: parsed.ok ? 200 : 400, headers: user ? { 'Cache-Control': 'private, no-store' } : undefined },
  );
}

export default function ProcessPage() {
  const { t, i18n } = useTranslation('budgets');
  const { process, since, choices, proposals, reply, values, may, results } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const [form, fields] = useSchemaForm(ProposalFilterSchema, { lastResult: reply, defaultValue: values, id: 'proposal-filter' });
  const options = (list: { id: string; name: LocalizedText }[], all: string) => [
    { value: '', label: all },
    ...list.map((c) => ({ value: c.id, label: localized(c.name, lng).text })),
  ];
  const title = localized(process.title, lng);
  const description = localized(process.description, lng);
  return (
    <div className="stack">
      <ReloadOn rooms={[roomOf('budget', process.id)]} types={['budget.phase', 'budget.proposal']} since={since} />
      <h1 lang={title.lang}>{title.text}</h1>
      <p className="pre-wrap" lang={description.lang}>
        {description.text}
      </p>
      <Card title={t(`now.${process.phase}.title`)} id="now" boxed>
        <p>{t(`now.${process.phase}.body`)}</p>
        {may.propose ? (
          <p>
            <Link className="button" to={`/budgets/${process.slug}/proposals/new`}>
              {t('proposal.newTitle')}
            </Link>
          </p>
        ) : may.signInToPropose ? (
          <p>
            <Link to={`/signin?redirectTo=${encodeURIComponent(`/budgets/${process.slug}/proposals/new`)}`}>
              {t('proposal.signInToPropose')}
            </Link>
          </p>
        ) : may.vote ? (
          <p>
            <Link className="button" to={`/budgets/${process.slug}/vote`}>
              {t('vote.go')}
            </Link>
          </p>
        ) : may.signInToVote ? (
          <p>
            <Link to={`/signin?redirectTo=${encodeURIComponent(`/budgets/${process.slug}/vote`)}`}>{t('vote.signIn')}</Link>
          </p>
        ) : null}
        <p>
          <Link to={`/channels/${process.channelSlug}`}>{t('process.discuss')}</Link>
        </p>
      </Card>
      {results ? <ProcessResults results={results} currency={process.currency} slug={process.slug} /> : null}
      <ProcessFacts process={process} />
      <Card title={t('proposals.title')} id="proposals">
        <GetForm form={form} className="filters">
          <FormErrors form={form} />
          {choices.categories.length ? (
            <SelectField
              label={t('proposal.category')}
              field={fields.category}
              options={options(choices.categories, t('proposals.allCategories'))}
            />
          ) : null}
          <SelectField
            label={t('proposal.neighborhood')}
            field={fields.neighborhood}
            options={options(choices.neighborhoods, t('proposals.allNeighborhoods'))}
          />
          <SelectField
            label={t('proposals.sort')}
            field={fields.sort}
            options={PROPOSAL_SORTS.map((s) => ({ value: s, label: t(`proposals.sorts.${s}`) }))}
          />
          <div className="field">
            <SubmitButton>{t('proposals.show')}</SubmitButton>
          </div>
        </GetForm>
        <ProposalList slug={process.slug} currency={process.currency} proposals={proposals} />
      </Card>
      <Card title={t('process.timeline')} id="timeline">
        <PhaseTimeline phases={process.phases} current={process.phase} />
      </Card>
    </div>
  );
}
