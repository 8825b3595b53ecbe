import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import CalendarDays from 'lucide-react/icons/calendar-days';
import Inbox from 'lucide-react/icons/inbox';
import Landmark from 'lucide-react/icons/landmark';
import ListChecks from 'lucide-react/icons/list-checks';
import MapPin from 'lucide-react/icons/map-pin';
import MessagesSquare from 'lucide-react/icons/messages-square';
import { Badge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { EmptyState } from '~/components/ui/empty-state';
import { formatDateTime, formatNumber } from '~/lib/format';
import { languageList, localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { latestThreads, participantsOf } from '~/modules/channels/activity.server';
import { ActivityThreadList } from '~/modules/channels/components/thread-activity';
import { readableChannels } from '~/modules/channels/queries.server';
import { HomeSection, LinkList, RequestRows } from '~/modules/home/components/home-section';
import { QueueLinks } from '~/modules/home/components/queue-links';
import { openSurveys, recentRequests, upcomingMeetings, votingBudgets } from '~/modules/home/happening.server';
import { followedActivity, queueCounts } from '~/modules/home/personal.server';
import { getLocale } from '~/modules/identity/locale.server';
import { getUser } from '~/modules/identity/session.server';
import { listDepartments, listNeighborhoods } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'home.title');

/** Conversations the home page lists across channels. */
const LATEST = 6;
/** Conversations of one's own neighborhood's channel. */
const NEIGHBORHOOD_LATEST = 3;

/**
 * What is happening in the city: the latest conversations in the channels the reader may read,
 * recent public requests, upcoming meetings, open surveys and budget votes. Signed in, it leads
 * with their neighborhood and what they follow, and for staff their queues' counts. An anonymous
 * visitor's page holds nothing personal (every section is the same for all visitors).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const [user, lng, neighborhoods, departments] = await Promise.all([
    getUser(request),
    getLocale(request),
    listNeighborhoods(),
    listDepartments(),
  ]);
  const channels = await readableChannels(user);
  const readableIds = channels.map((c) => c.id);
  const channelOf = new Map(channels.map((c) => [c.id, { slug: c.slug, name: c.name }]));
  const channelOfNeighborhood = new Map(
    channels.flatMap((c) => (c.kind === 'neighborhood' && c.neighborhoodId ? [[c.neighborhoodId, c.slug]] : [])),
  );
  const home = user?.neighborhoodId ? (neighborhoods.find((n) => n.id === user.neighborhoodId) ?? null) : null;
  const homeChannel = home ? channels.find((c) => c.kind === 'neighborhood' && c.neighborhoodId === home.id) : undefined;
  const [latest, nearby, requests, meetings, surveys, budgets, followed, queues] = await Promise.all([
    latestThreads(user, readableIds, { take: LATEST }),
    homeChannel ? latestThreads(user, [homeChannel.id], { take: NEIGHBORHOOD_LATEST }) : null,
    recentRequests(home?.id ?? null, lng),
    upcomingMeetings(lng),
    openSurveys(user),
    votingBudgets(lng),
    user ? followedActivity(user, readableIds, lng) : null,
    user ? queueCounts(user) : null,
  ]);
  const followedPeople = await participantsOf(followed?.threads.map((t) => t.id) ?? []);
  const withChannel = <T extends { channelId: string }>({ channelId, ...t }: T) => ({ ...t, channel: channelOf.get(channelId) ?? null });
  const neighborhoodCard = ({ id, slug, name, description, streets, residents }: (typeof neighborhoods)[number]) => ({
    id,
    slug,
    name,
    description,
    streets,
    residents,
    channel: channelOfNeighborhood.get(id) ?? null,
  });
  return json({
    home: home && { ...neighborhoodCard(home), threads: nearby?.threads.map(withChannel) ?? [] },
    followed: followed && {
      threads: followed.threads.map((t) => withChannel({ ...t, participants: followedPeople.get(t.id) ?? [] })),
      requests: followed.requests.map(({ updatedAt, ...r }) => ({ ...r, at: updatedAt })),
    },
    queues,
    latest: latest.threads.map(withChannel),
    requests: requests.map(({ code, status, type, createdAt, neighborhood }) => ({ code, status, type, at: createdAt, neighborhood })),
    meetings,
    surveys,
    budgets,
    neighborhoods: neighborhoods.map(neighborhoodCard),
    departments: departments.map(({ id, name }) => ({ id, name })),
  });
}

type Neighborhood = ReturnType<typeof useLoaderData<typeof loader>>['neighborhoods'][number];

function NeighborhoodCard({ n, mine }: { n: Neighborhood; mine: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const name = localized(n.name, lng).text;
  const description = n.description ? localized(n.description, lng) : null;
  return (
    <>
      <h3>
        {n.channel ? <Link to={`/channels/${n.channel}`}>{name}</Link> : name} {mine ? <Badge>{t('home.yourNeighborhood')}</Badge> : null}
      </h3>
      {description?.text ? <p>{description.text}</p> : null}
      {n.streets ? <p className="muted">{t('home.streets', { streets: n.streets })}</p> : null}
      <p className="muted">{t('home.residents', { count: n.residents, formatted: formatNumber(n.residents, lng) })}</p>
    </>
  );
}

export default function Home() {
  const { t, i18n } = useTranslation();
  const { city, user } = useRootData();
  const data = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <div className="stack">
      <section className="hero" aria-labelledby="welcome">
        <h1 id="welcome">{t('home.welcome', { city: city.name })}</h1>
        <p>{t('home.intro', { languages: languageList(lng) })}</p>
        {user ? (
          <p>{t('home.signedInAs', { name: user.displayName })}</p>
        ) : (
          <p className="actions">
            <Link className="button" to="/signup">
              {t('layout.signUp')}
            </Link>
            <Link to="/signin">{t('layout.signIn')}</Link>
          </p>
        )}
      </section>

      {data.home ? (
        <Card title={t('home.yourNeighborhoodIs', { name: localized(data.home.name, lng).text })} boxed>
          {data.home.description ? <p>{localized(data.home.description, lng).text}</p> : null}
          {data.home.channel ? (
            <>
              {data.home.threads.length ? (
                <ActivityThreadList threads={data.home.threads} />
              ) : (
                <EmptyState icon={MessagesSquare} title={t('home.neighborhoodQuiet')} />
              )}
              <p>
                <Link to={`/channels/${data.home.channel}`}>{t('home.toChannel', { name: localized(data.home.name, lng).text })}</Link>
              </p>
            </>
          ) : null}
        </Card>
      ) : null}

      {data.followed ? (
        <HomeSection
          title={t('home.followed')}
          empty={data.followed.threads.length || data.followed.requests.length ? null : { icon: Inbox, title: t('home.followedNone') }}
        >
          {data.followed.threads.length ? <ActivityThreadList threads={data.followed.threads} /> : null}
          {data.followed.requests.length ? <RequestRows requests={data.followed.requests} timeLabel={t('home.updated')} /> : null}
        </HomeSection>
      ) : null}

      {data.queues ? <QueueLinks counts={data.queues} /> : null}

      <HomeSection
        title={t('home.latest')}
        empty={data.latest.length ? null : { icon: MessagesSquare, title: t('home.latestNone') }}
        more={{ to: '/latest', label: t('home.allLatest') }}
      >
        <ActivityThreadList threads={data.latest} />
      </HomeSection>

      <HomeSection
        title={data.home ? t('home.requestsNearYou') : t('home.requests')}
        empty={data.requests.length ? null : { icon: MapPin, title: t('home.requestsNone') }}
        more={{ to: '/requests', label: t('home.allRequests') }}
      >
        <RequestRows requests={data.requests} />
      </HomeSection>

      {[
        {
          title: t('home.meetings'),
          empty: { icon: CalendarDays, title: t('home.meetingsNone') },
          more: { to: '/calendar', label: t('home.calendar') },
          items: data.meetings.map((m) => ({
            key: m.uid,
            to: m.path,
            label: m.title,
            note: [formatDateTime(m.startsAt, lng, city.timeZone, 'long'), m.group?.name].filter(Boolean).join(' · '),
          })),
        },
        {
          title: t('home.surveys'),
          empty: { icon: ListChecks, title: t('home.surveysNone') },
          more: { to: '/surveys', label: t('home.allSurveys') },
          items: data.surveys.map((s) => {
            const title = localized(s.title, lng);
            const closes = s.closesAt ? t('home.closes', { when: formatDateTime(s.closesAt, lng, city.timeZone, 'long') }) : null;
            return { key: s.id, to: `/surveys/${s.id}`, label: title.text, lang: title.fellBack ? title.lang : undefined, note: closes };
          }),
        },
        {
          title: t('home.budgets'),
          empty: { icon: Landmark, title: t('home.budgetsNone') },
          more: { to: '/budgets', label: t('home.allBudgets') },
          items: data.budgets.map((b) => ({ key: b.slug, to: `/budgets/${b.slug}`, label: b.title, lang: b.lang })),
        },
      ].map((section) => (
        <HomeSection key={section.title} title={section.title} empty={section.items.length ? null : section.empty} more={section.more}>
          <LinkList items={section.items} />
        </HomeSection>
      ))}

      <section aria-labelledby="neighborhoods">
        <h2 id="neighborhoods">{t('home.neighborhoods')}</h2>
        <ul className="cards">
          {data.neighborhoods.map((n) => (
            <li key={n.id} className="card">
              <NeighborhoodCard n={n} mine={n.id === data.home?.id} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="departments">
        <h2 id="departments">{t('home.departments')}</h2>
        <p>{t('home.departmentsIntro')}</p>
        <ul>
          {data.departments.map((d) => (
            <li key={d.id}>{localized(d.name, lng).text}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
