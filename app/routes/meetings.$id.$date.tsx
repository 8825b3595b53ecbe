import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Badge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { IntentForm, replyFor } from '~/components/ui/forms';
import { callerOf } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDateTime, formatNumber } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { requestsRaisedAt } from '~/modules/blockwatch/meeting-requests.server';
import {
  answerMeeting,
  answersFor,
  cancelMeeting,
  mayReadMeeting,
  meetingById,
  meetingDate,
  minutesOf,
  moveDate,
  saveMinutes,
} from '~/modules/blockwatch/meetings.server';
import { MoveDateForm } from '~/modules/blockwatch/components/move-date-form';
import { wallTimeOf } from '~/lib/time';
import { MinutesCard } from '~/modules/blockwatch/components/minutes-card';
import { can } from '~/modules/identity/policy';
import { decidesMembers } from '~/modules/blockwatch/policy';
import { membershipOf } from '~/modules/blockwatch/queries.server';
import { MeetingDateActionSchema } from '~/modules/blockwatch/schemas';
import { RichText } from '~/modules/content/components/rich-text';
import type { RichTextDoc } from '~/modules/content/richtext';
import { signInRedirect } from '~/modules/identity/guards.server';
import { ReloadOn } from '~/modules/realtime/components/reload-on';
import { roomOf } from '~/modules/realtime/names';
import { latestEventId } from '~/modules/realtime/publish.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'blockwatch:meeting.pageTitle', { title: data?.meeting.title ?? '' });

/**
 * One date of a meeting: a date not in the meeting (or a meeting not there) is a 404; a
 * members-only meeting sends a visitor to sign in and refuses anyone else outside the group.
 */
async function loadDate(request: Request, context: unknown, params: { id?: string; date?: string }) {
  const [caller, meeting] = await Promise.all([callerOf(request, context), meetingById(params.id ?? '')]);
  const date = meeting ? meetingDate(meeting, params.date ?? '') : null;
  if (!meeting || !date) throw refuse(fail.notFound());
  if (!(await mayReadMeeting(caller.user, meeting))) throw caller.user ? refuse(fail.forbidden()) : signInRedirect(request);
  return { caller, meeting, date };
}

/** What a date of a meeting is (when, where, agenda), who answered, the person's own answer, and leaders' cancelling. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { caller, meeting, date } = await loadDate(request, context, params);
  const user = caller.user;
  // Read before the data, so the live reload replays whatever changes after it.
  const since = await latestEventId();
  const [answers, membership, minutes, raised] = await Promise.all([
    answersFor(meeting.id, date.originalStart, user?.id),
    user ? membershipOf(meeting.group.id, user.id) : null,
    minutesOf(meeting.id, date.originalStart),
    requestsRaisedAt(meeting.id, params.date ?? ''),
  ]);
  const upcoming = date.endsAt.getTime() > Date.now();
  const started = date.startsAt.getTime() <= Date.now();
  return json(
    {
      meeting: {
        title: meeting.title,
        agenda: meeting.agenda as RichTextDoc | null,
        place: meeting.place,
        link: meeting.link,
        visibility: meeting.visibility,
        timeZone: meeting.timeZone,
        repeats: !!meeting.rrule,
        seriesCancelled: !!meeting.cancelledAt,
      },
      group: { slug: meeting.group.slug, name: meeting.group.name },
      date: {
        startsAt: date.startsAt.toISOString(),
        endsAt: date.endsAt.toISOString(),
        cancelled: date.cancelled,
        upcoming,
        started,
        moved: date.startsAt.getTime() !== date.originalStart.getTime(),
        // As the move form shows them: wall-clock times in the meeting's zone.
        wallStart: wallTimeOf(date.startsAt, meeting.timeZone),
        wallEnd: wallTimeOf(date.endsAt, meeting.timeZone),
      },
      path: `${meeting.id}/${params.date}`,
      room: roomOf('meeting', meeting.id),
      since,
      minutes: minutes
        ? {
            body: minutes.body as RichTextDoc,
            attendance: minutes.attendance,
            author: minutes.author && minutes.author.status !== 'deleted' ? minutes.author.displayName : null,
            at: minutes.updatedAt.toISOString(),
          }
        : null,
      raised,
      // Staff who record requests on someone's behalf record the issues raised here.
      records: can(user, 'record:service-request'),
      answers,
      signedIn: !!user,
      signInLink: `/signin?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`,
      leads: !!user && decidesMembers(user, meeting.group.id, membership),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, meeting, date } = await loadDate(request, context, params);
  const submission = await readSubmission(request, MeetingDateActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const input = submission.value;
  const result =
    input.intent === 'rsvp'
      ? await answerMeeting(caller, meeting, date, input.answer)
      : input.intent === 'minutes'
        ? await saveMinutes(caller, meeting, date, input)
        : input.intent === 'move'
          ? await moveDate(caller, meeting, date, input)
          : await cancelMeeting(caller, meeting, input.intent === 'cancelDate' ? date : null);
  if (!result.ok) return respondToForm(submission, result);
  const flash = input.intent === 'rsvp' ? `blockwatch:meeting.flash.${input.answer}` : `blockwatch:meeting.flash.${input.intent}`;
  return redirectWithFlash(`/meetings/${meeting.id}/${params.date}`, { kind: 'success', key: flash }, { status: 303 });
}

const ANSWERS = ['yes', 'maybe', 'no'] as const;

export default function MeetingDatePage() {
  const { t, i18n } = useTranslation('blockwatch');
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lng = i18n.language;
  const { meeting, date, answers } = data;
  const when = `${formatDateTime(date.startsAt, lng, meeting.timeZone, 'long')} – ${formatDateTime(date.endsAt, lng, meeting.timeZone, 'short')}`;
  // An answer refused (a date cancelled meanwhile) keeps its buttons, with the reason above them.
  const refused = replyFor(lastResult, 'rsvp');
  return (
    <div className="stack">
      <p>
        <Link to={`/groups/${data.group.slug}`}>{t('members.backToGroup', { name: data.group.name })}</Link>
      </p>
      <h1>{meeting.title}</h1>
      {date.cancelled ? (
        <p>
          <Badge tone="status-closed" strong>
            {t('meeting.cancelled')}
          </Badge>
        </p>
      ) : null}
      <dl className="description-list">
        <dt>{t('meeting.when')}</dt>
        <dd>
          <time dateTime={date.startsAt}>{when}</time>
          {meeting.repeats ? ` · ${t('meeting.partOfSeries')}` : ''}
          {date.moved ? ` · ${t('meeting.moved')}` : ''}
        </dd>
        {meeting.place ? (
          <>
            <dt>{t('meeting.place')}</dt>
            <dd>{meeting.place}</dd>
          </>
        ) : null}
        {meeting.link ? (
          <>
            <dt>{t('meeting.link')}</dt>
            <dd>
              <a href={meeting.link} rel="noopener noreferrer nofollow">
                {meeting.link}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t('meeting.visibility')}</dt>
        <dd>{t(`schedule.visibilities.${meeting.visibility}`)}</dd>
      </dl>
      {meeting.agenda ? (
        <Card title={t('meeting.agenda')} id="agenda">
          <RichText doc={meeting.agenda} />
        </Card>
      ) : null}

      <Card title={t('meeting.answersTitle')} id="answers">
        <p>
          {ANSWERS.map((a) =>
            t(`meeting.count.${a}`, { count: answers.counts[a], formattedCount: formatNumber(answers.counts[a], lng) }),
          ).join(' · ')}
        </p>
        {answers.mine ? <p>{t(`meeting.mine.${answers.mine}`)}</p> : null}
        {!date.upcoming ? (
          <p>{t('meeting.over')}</p>
        ) : date.cancelled && !refused ? null : !data.signedIn ? (
          <p>
            <Link to={data.signInLink}>{t('meeting.signInToAnswer')}</Link>
          </p>
        ) : (
          <div className="row-actions" role="group" aria-label={t('meeting.answerLabel')}>
            {ANSWERS.map((a) => (
              <IntentForm
                key={a}
                schema={MeetingDateActionSchema}
                intent="rsvp"
                id={`rsvp-${a}`}
                fields={{ answer: a }}
                secondary={answers.mine !== a}
                label={t(`meeting.answer.${a}`)}
                lastResult={a === 'yes' ? refused : undefined}
              />
            ))}
          </div>
        )}
      </Card>

      {(date.started && !date.cancelled) || replyFor(lastResult, 'minutes') ? (
        <>
          {/* The requests raised here change status (and are added) by staff elsewhere. */}
          <ReloadOn rooms={[data.room]} types={['request.updated', 'request.linked']} since={data.since} />
          <MinutesCard
            minutes={data.minutes}
            raised={data.raised}
            timeZone={meeting.timeZone}
            mayWrite={data.leads}
            recordLink={data.records ? `/staff/requests/new?meeting=${encodeURIComponent(data.path)}` : null}
            lastResult={lastResult}
          />
        </>
      ) : null}

      {(data.leads && !date.started && !date.cancelled) || replyFor(lastResult, 'move') ? (
        <MoveDateForm start={date.wallStart} end={date.wallEnd} timeZone={meeting.timeZone} lastResult={lastResult} />
      ) : null}

      {data.leads && date.upcoming && !date.cancelled ? (
        <Card title={t('meeting.leadersTitle')} id="leaders">
          <p>{t('meeting.cancelHint')}</p>
          <div className="row-actions">
            <IntentForm
              schema={MeetingDateActionSchema}
              intent="cancelDate"
              secondary
              label={t('meeting.cancelDate')}
              lastResult={lastResult}
            />
            {meeting.repeats ? (
              <IntentForm
                schema={MeetingDateActionSchema}
                intent="cancelSeries"
                secondary
                label={t('meeting.cancelSeries')}
                lastResult={lastResult}
              />
            ) : null}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
