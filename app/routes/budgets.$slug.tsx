import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/card';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { PhaseTimeline } from '~/modules/budgets/components/phase-timeline';
import { ProcessFacts } from '~/modules/budgets/components/process-facts';
import { loadProcess } from '~/modules/budgets/guards.server';
import { ReloadOn } from '~/modules/realtime/components/reload-on';
import { roomOf } from '~/modules/realtime/names';
import { latestEventId } from '~/modules/realtime/publish.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:process.metaTitle');

/**
 * A participatory budget's public page: what it is for, its figures and timeline, and what one may
 * do in the current phase. It follows the phase live (room `budget:<id>`).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  // Read before the process: a phase move committed in between is then replayed, not lost.
  const since = await latestEventId();
  const process = await loadProcess(params.slug);
  return json({ process, since });
}

export default function ProcessPage() {
  const { t, i18n } = useTranslation('budgets');
  const { process, since } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const title = localized(process.title, lng);
  const description = localized(process.description, lng);
  return (
    <div className="stack">
      <ReloadOn rooms={[roomOf('budget', process.id)]} types={['budget.phase']} since={since} />
      <h1 lang={title.lang}>{title.text}</h1>
      <p className="pre-wrap" lang={description.lang}>
        {description.text}
      </p>
      <Card title={t(`now.${process.phase}.title`)} id="now" boxed>
        <p>{t(`now.${process.phase}.body`)}</p>
        <p>
          <Link to={`/channels/${process.channelSlug}`}>{t('process.discuss')}</Link>
        </p>
      </Card>
      <ProcessFacts process={process} />
      <Card title={t('process.timeline')} id="timeline">
        <PhaseTimeline phases={process.phases} current={process.phase} />
      </Card>
    </div>
  );
}
