import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { nextPublicDates } from '~/modules/blockwatch/meeting-queries.server';
import { groupDirectory } from '~/modules/blockwatch/queries.server';
import { useRootData } from '~/lib/root-data';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'blockwatch:directory.pageTitle');

/** The public directory of block-watch groups, per neighborhood. */
export async function loader(_: LoaderFunctionArgs) {
  const groups = await groupDirectory();
  const next = await nextPublicDates(groups.map((g) => g.id));
  return json({ groups: groups.map((g) => ({ ...g, nextMeeting: next.get(g.id) ?? null })) });
}

export default function GroupDirectory() {
  const { t, i18n } = useTranslation('blockwatch');
  const { groups } = useLoaderData<typeof loader>();
  const { city } = useRootData();
  const lng = i18n.language;
  // Per neighborhood, in the reader's alphabetical order; groups without one last.
  const byPlace = new Map<string, { name: string; groups: typeof groups }>();
  for (const g of groups) {
    const key = g.neighborhood?.id ?? '';
    const name = g.neighborhood ? localized(g.neighborhood.name, lng).text : t('directory.cityWide');
    const entry = byPlace.get(key) ?? { name, groups: [] };
    entry.groups.push(g);
    byPlace.set(key, entry);
  }
  const places = [...byPlace.entries()].sort(([a, x], [b, y]) => (a === '' ? 1 : b === '' ? -1 : x.name.localeCompare(y.name, lng)));
  return (
    <div className="stack">
      <h1>{t('directory.title')}</h1>
      <p>{t('directory.intro')}</p>
      <p>
        <Link to="/calendar">{t('directory.calendarLink')}</Link>
      </p>
      {places.length === 0 ? <p>{t('directory.none')}</p> : null}
      {places.map(([key, place]) => (
        <section key={key || 'city'} aria-labelledby={`place-${key || 'city'}`} className="stack">
          <h2 id={`place-${key || 'city'}`}>{place.name}</h2>
          <ul className="cards">
            {place.groups.map((g) => (
              <li key={g.id} className="card">
                <h3>
                  <Link to={`/groups/${g.slug}`}>{g.name}</Link>
                </h3>
                {g.streets.length ? <p>{t('directory.area', { streets: g.streets.join('; ') })}</p> : null}
                <p>
                  {g.captains.length
                    ? t('directory.captains', { count: g.captains.length, names: g.captains.join(', ') })
                    : t('directory.noCaptain')}
                </p>
                <p>{t('directory.members', { count: g.memberCount, formattedCount: formatNumber(g.memberCount, lng) })}</p>
                <p>
                  {g.nextMeeting ? (
                    <>
                      {t('directory.nextMeeting')}{' '}
                      <Link to={`/meetings/${g.nextMeeting.meetingId}/${g.nextMeeting.date}`}>
                        {g.nextMeeting.title},{' '}
                        <time dateTime={g.nextMeeting.startsAt}>{formatDateTime(g.nextMeeting.startsAt, lng, city.timeZone, 'long')}</time>
                      </Link>
                    </>
                  ) : (
                    t('directory.noMeeting')
                  )}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
