import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Badge } from '~/components/ui/badge';
import { callerOf } from '~/lib/caller.server';
import { formatDateTime } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { answeredHere } from '~/modules/surveys/answered-cookie.server';
import { openSurveysFor } from '~/modules/surveys/answering-queries.server';
import { EmptyState } from '~/components/ui/empty-state';
import ListChecks from 'lucide-react/icons/list-checks';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:answer.listTitle');

/** The open surveys this person may answer, closing soonest first, with those they answered marked. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await callerOf(request, context);
  const surveys = await openSurveysFor(caller.user, caller.user ? [] : await answeredHere(request));
  return json({ surveys, signedIn: !!caller.user });
}

export default function Surveys() {
  const { t, i18n } = useTranslation('surveys');
  const { city } = useRootData();
  const { surveys, signedIn } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <div className="stack">
      <h1>{t('answer.listTitle')}</h1>
      {surveys.length === 0 ? (
        <EmptyState icon={ListChecks} title={t('answer.none')} />
      ) : (
        <ul className="cards">
          {surveys.map((s) => {
            const title = localized(s.title, lng);
            return (
              <li key={s.id} className="card">
                <h2>
                  <Link to={`/surveys/${s.id}`} lang={title.fellBack ? title.lang : undefined}>
                    {title.text}
                  </Link>
                </h2>
                <p>
                  {s.closesAt
                    ? t('answer.closesOn', { when: formatDateTime(s.closesAt, lng, city.timeZone, 'long') })
                    : t('answer.noCloseDate')}
                </p>
                <p>
                  {s.anonymous ? <Badge>{t('answer.anonymous')}</Badge> : null} {s.answered ? <Badge>{t('answer.answered')}</Badge> : null}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {signedIn ? null : <p className="hint">{t('answer.signInForMore')}</p>}
    </div>
  );
}
