import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Badge, StatusBadge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { FormErrors, GetForm, SelectField, SubmitButton, TextField } from '~/components/ui/forms';
import { formatDate, formatTimeRange } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { dateIn, startOfDayIn } from '~/lib/time';
import { useSchemaForm } from '~/lib/use-schema-form';
import { communityCalendar } from '~/modules/blockwatch/calendar.server';
import { calendarFilterFromUrl } from '~/modules/blockwatch/calendar-filter.server';
import { CalendarFilterSchema } from '~/modules/blockwatch/schemas';
import { pageLink } from '~/modules/identity/links.server';
import { getLocale } from '~/modules/identity/locale.server';
import { getCity, neighborhoodOptions } from '~/modules/places/queries.server';
import { EmptyState } from '~/components/ui/empty-state';
import CalendarDays from 'lucide-react/icons/calendar-days';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'blockwatch:calendar.pageTitle');

/** Days one page of the agenda shows; "earlier" and "later" move by as many. */
const DAYS = 28;

/**
 * The community calendar (public): public meetings of every group (or one neighborhood's) and the
 * closing dates of surveys anyone may answer, four weeks at a time as an agenda grouped by day,
 * with the feed to subscribe to in a calendar app. Bad filters come back with their errors (400).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const city = await getCity();
  const url = new URL(request.url);
  const [parsed, lng, neighborhoods] = await Promise.all([
    calendarFilterFromUrl(url, city.timeZone),
    getLocale(request),
    neighborhoodOptions(),
  ]);
  const filter = parsed.ok ? parsed.filter : null;
  const entries = filter
    ? await communityCalendar({
        neighborhoodId: filter.neighborhood?.id ?? null,
        from: startOfDayIn(filter.from, city.timeZone),
        days: DAYS,
        lng,
      })
    : [];
  const feed = `/calendar.ics${filter?.neighborhood ? `?neighborhood=${filter.neighborhood.slug}` : ''}`;
  const shift = (days: number) => (filter ? dateIn(startOfDayIn(filter.from, city.timeZone, days), city.timeZone) : null);
  return json(
    {
      reply: parsed.ok ? undefined : parsed.reply,
      values: parsed.values,
      neighborhoods: neighborhoods.map((n) => ({ slug: n.slug, name: n.name })),
      range: filter
        ? { from: filter.from, last: shift(DAYS - 1)!, earlier: shift(-DAYS)!, later: shift(DAYS)!, today: filter.today }
        : null,
      entries: entries.map((e) => ({
        uid: e.uid,
        kind: e.kind,
        title: e.title,
        lang: e.lang ?? null,
        startsAt: e.startsAt.toISOString(),
        endsAt: e.endsAt.toISOString(),
        day: dateIn(e.startsAt, city.timeZone),
        cancelled: e.cancelled,
        path: e.path,
        place: e.place,
        online: !!e.link,
        group: e.group,
      })),
      feed: { path: feed, url: pageLink(feed) },
    },
    { status: parsed.ok ? 200 : 400 },
  );
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>['entries'][number];

function AgendaItem({ entry }: { entry: Entry }) {
  const { t, i18n } = useTranslation('blockwatch');
  const { city } = useRootData();
  const lng = i18n.language;
  const time = formatTimeRange(entry.startsAt, entry.endsAt, lng, city.timeZone);
  return (
    <li className="agenda-item">
      <p className="agenda-time">
        <time dateTime={entry.startsAt}>
          {entry.kind === 'survey' || entry.kind === 'voteCloses'
            ? t('calendar.closesAt', { time })
            : entry.kind === 'voteOpens'
              ? t('calendar.opensAt', { time })
              : time}
        </time>
      </p>
      <div className="agenda-what">
        <p>
          <Link to={entry.path} lang={entry.lang ?? undefined}>
            {entry.title}
          </Link>{' '}
          {entry.kind === 'survey' ? <Badge>{t('calendar.survey')}</Badge> : null}
          {entry.kind === 'voteOpens' || entry.kind === 'voteCloses' ? <Badge>{t('calendar.budgetVote')}</Badge> : null}{' '}
          {entry.cancelled ? <StatusBadge status="closed" label={t('calendar.cancelled')} strong /> : null}
        </p>
        {entry.group ? (
          <p>
            {t('calendar.by')} <Link to={`/groups/${entry.group.slug}`}>{entry.group.name}</Link>
          </p>
        ) : null}
        {entry.place ? <p>{entry.place}</p> : null}
        {entry.online ? <p>{t('calendar.online')}</p> : null}
      </div>
    </li>
  );
}

export default function CommunityCalendar() {
  const { t, i18n } = useTranslation('blockwatch');
  const { city } = useRootData();
  const data = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const values: Record<string, string> = data.values;
  const [form, fields] = useSchemaForm(CalendarFilterSchema, { lastResult: data.reply, defaultValue: values, id: 'calendar-filter' });
  const { range } = data;
  const days = new Map<string, Entry[]>();
  for (const e of data.entries) days.set(e.day, [...(days.get(e.day) ?? []), e]);
  const query = (from: string) =>
    `?${new URLSearchParams({ ...(values.neighborhood ? { neighborhood: values.neighborhood } : {}), from })}`;
  // Noon keeps a day's heading on its own date whatever the zone's offset.
  const dayName = (day: string) => formatDate(`${day}T12:00:00Z`, lng, 'UTC', 'full');
  return (
    <div className="stack">
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.intro')}</p>
      <GetForm form={form} className="filters">
        <FormErrors form={form} />
        <SelectField
          label={t('calendar.neighborhood')}
          field={fields.neighborhood}
          options={[
            { value: '', label: t('calendar.everywhere') },
            ...data.neighborhoods.map((n) => ({ value: n.slug, label: localized(n.name, lng).text })),
          ]}
        />
        <TextField label={t('calendar.from')} field={fields.from} type="date" />
        <div className="field">
          <SubmitButton>{t('calendar.show')}</SubmitButton>
        </div>
      </GetForm>
      {range ? (
        <>
          <h2 className="visually-hidden">{t('calendar.agenda')}</h2>
          <p>
            {t('calendar.range', {
              from: formatDate(`${range.from}T12:00:00Z`, lng, 'UTC', 'long'),
              to: formatDate(`${range.last}T12:00:00Z`, lng, 'UTC', 'long'),
            })}
          </p>
          <nav aria-label={t('calendar.weeks')} className="row-actions">
            <Link to={query(range.earlier)} rel="prev">
              {t('calendar.earlier')}
            </Link>
            {range.from !== range.today ? <Link to={query(range.today)}>{t('calendar.today')}</Link> : null}
            <Link to={query(range.later)} rel="next">
              {t('calendar.later')}
            </Link>
          </nav>
          {days.size === 0 ? <EmptyState icon={CalendarDays} title={t('calendar.empty')} /> : null}
          {[...days.entries()].map(([day, entries]) => (
            <section key={day} aria-labelledby={`day-${day}`} className="agenda-day">
              <h3 id={`day-${day}`}>
                <time dateTime={day}>{dayName(day)}</time>
              </h3>
              <ul className="agenda">
                {entries.map((e) => (
                  <AgendaItem key={e.uid} entry={e} />
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
      <Card title={t('calendar.subscribeTitle')} id="subscribe">
        <p>{t('calendar.subscribeHint', { zone: city.timeZone })}</p>
        <p>
          <a href={data.feed.url.replace(/^https?:/, 'webcal:')}>{t('calendar.subscribe')}</a>
        </p>
        <p>
          <label htmlFor="feed-address">{t('calendar.feedAddress')}</label>
          <input id="feed-address" type="url" readOnly value={data.feed.url} />
        </p>
        <p>
          <a href={data.feed.path} download="calendar.ics">
            {t('calendar.download')}
          </a>
        </p>
      </Card>
    </div>
  );
}
