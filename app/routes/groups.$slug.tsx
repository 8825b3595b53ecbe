import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Badge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { IntentForm, replyFor } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDateTime, formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm, withRetryAfter } from '~/lib/respond.server';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { recentAlerts, sendAlert } from '~/modules/blockwatch/alerts.server';
import { AlertsCard } from '~/modules/blockwatch/components/alerts-card';
import { askToJoin, decideRequest, leaveGroup } from '~/modules/blockwatch/membership.server';
import { decidesMembers, mayAskToJoin, mayLeave, readsBoard } from '~/modules/blockwatch/policy';
import { loadGroup } from '~/modules/blockwatch/group-page.server';
import { upcomingDates } from '~/modules/blockwatch/meeting-queries.server';
import { boardSlug, pendingRequests } from '~/modules/blockwatch/queries.server';
import { GroupPageActionSchema } from '~/modules/blockwatch/schemas';
import { latestEventId } from '~/modules/realtime/publish.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'blockwatch:group.pageTitle', { name: data?.group.name ?? '' });

export const headers: HeadersFunction = withRetryAfter;

/** A group's public page: its area, captains and size; joining and leaving; its leaders decide requests here. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { caller, group, membership } = await loadGroup(request, context, params.slug);
  const user = caller.user;
  const decides = decidesMembers(user, group.id, membership);
  const reads = readsBoard(user, group.id, membership);
  // The event id first: an alert sent while the page loads is then replayed, never missed.
  const since = reads ? await latestEventId() : 0;
  return json(
    {
      group: {
        slug: group.slug,
        name: group.name,
        description: group.description,
        streets: group.streets,
        neighborhood: group.neighborhood,
        captains: group.captains,
        memberCount: group.memberCount,
      },
      signedIn: !!user,
      status: membership?.status ?? null,
      mayJoin: !user || mayAskToJoin(user, membership),
      mayLeave: mayLeave(user, group.id, membership),
      groupId: group.id,
      board: reads ? await boardSlug(group.channelId) : null,
      alerts: reads ? await recentAlerts(group.id) : null,
      meetings: (await upcomingDates([group.id], new Set(reads ? [group.id] : []))).slice(0, 5),
      since,
      readsBoard: reads,
      decides,
      requests: decides
        ? (await pendingRequests(group.id)).map((r) => ({
            id: r.id,
            name: r.user.displayName,
            neighborhood: r.user.neighborhood?.name ?? null,
            at: r.createdAt.toISOString(),
          }))
        : null,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, group } = await loadGroup(request, context, params.slug);
  const submission = await readSubmission(request, GroupPageActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const input = submission.value;
  if (input.intent === 'alert') {
    const sent = await sendAlert(caller, group, input.body);
    // Over the group's limit: the form stays, with the wait and what was typed (429, Retry-After).
    if (!sent.ok) return sent.code === 'rateLimited' ? replyForm(submission, sent) : respondToForm(submission, sent);
    return redirectWithFlash(
      `/groups/${group.slug}#alerts`,
      { kind: 'success', key: 'blockwatch:flash.alert', values: { count: sent.value.recipients, mailed: sent.value.mailed } },
      { status: 303 },
    );
  }
  const result =
    input.intent === 'join'
      ? await askToJoin(caller, group)
      : input.intent === 'leave'
        ? await leaveGroup(caller, group)
        : await decideRequest(caller, group, input.membershipId, input.intent === 'approve');
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(`/groups/${group.slug}`, { kind: 'success', key: `blockwatch:flash.${input.intent}` }, { status: 303 });
}

export default function GroupPage() {
  const { t, i18n } = useTranslation('blockwatch');
  const { city } = useRootData();
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lng = i18n.language;
  const { group } = data;
  const description = group.description ? localized(group.description, lng) : null;
  return (
    <div className="stack">
      <p>
        <Link to="/groups">{t('group.allGroups')}</Link>
      </p>
      <h1>{group.name}</h1>
      {description?.text ? <p lang={description.fellBack ? description.lang : undefined}>{description.text}</p> : null}
      <dl className="description-list">
        <dt>{t('group.neighborhood')}</dt>
        <dd>{group.neighborhood ? localized(group.neighborhood.name, lng).text : t('directory.cityWide')}</dd>
        {group.streets.length ? (
          <>
            <dt>{t('group.streets')}</dt>
            <dd>
              <ul>
                {group.streets.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t('group.captains', { count: group.captains.length })}</dt>
        <dd>{group.captains.length ? group.captains.join(', ') : t('directory.noCaptain')}</dd>
        <dt>{t('group.memberCountTerm')}</dt>
        <dd>{formatNumber(group.memberCount, lng)}</dd>
      </dl>

      {data.readsBoard ? (
        <ul className="section-list">
          {data.board ? (
            <li>
              <Link to={`/channels/${data.board}`}>{t('group.boardLink')}</Link>
            </li>
          ) : null}
          <li>
            <Link to={`/groups/${group.slug}/members`}>{t('group.membersLink')}</Link>
          </li>
          {data.decides ? (
            <li>
              <Link to={`/groups/${group.slug}/invites`}>{t('members.invitesLink')}</Link>
            </li>
          ) : null}
        </ul>
      ) : null}

      {data.alerts ? (
        <AlertsCard groupId={data.groupId} alerts={data.alerts} since={data.since} mayAlert={data.decides} lastResult={lastResult} />
      ) : null}

      <Card title={t('meetings.title')} id="meetings">
        {data.meetings.length === 0 ? (
          <p>{t('meetings.none')}</p>
        ) : (
          <ul className="stack">
            {data.meetings.map((m) => (
              <li key={`${m.meetingId}-${m.date}`}>
                <Link to={`/meetings/${m.meetingId}/${m.date}`}>{m.title}</Link>
                {' · '}
                <time dateTime={m.startsAt}>{formatDateTime(m.startsAt, lng, city.timeZone, 'long')}</time>
                {m.place ? ` · ${m.place}` : ''}
                {m.visibility === 'members' ? <> {<Badge>{t('meetings.membersOnly')}</Badge>}</> : null}
              </li>
            ))}
          </ul>
        )}
        {data.decides ? (
          <p>
            <Link to={`/groups/${group.slug}/meetings/new`}>{t('meetings.schedule')}</Link>
          </p>
        ) : null}
      </Card>

      <Card title={t('group.membershipTitle')} id="membership">
        {!data.signedIn ? (
          <p>
            <Link to={`/signin?redirectTo=${encodeURIComponent(`/groups/${group.slug}`)}`}>{t('group.signInToJoin')}</Link>
          </p>
        ) : (
          <>
            <p>{t(`group.status.${data.status ?? 'none'}`)}</p>
            {/* A refused join or leave keeps its form, with the reason above it. */}
            {data.mayJoin || replyFor(lastResult, 'join') ? (
              <IntentForm schema={GroupPageActionSchema} intent="join" label={t('group.join')} lastResult={lastResult} />
            ) : null}
            {data.mayLeave || replyFor(lastResult, 'leave') ? (
              <IntentForm
                schema={GroupPageActionSchema}
                intent="leave"
                secondary
                label={t(data.status === 'pending' ? 'group.withdraw' : 'group.leave')}
                lastResult={lastResult}
              />
            ) : null}
          </>
        )}
      </Card>

      {data.requests ? (
        <Card title={t('group.requestsTitle')} id="requests">
          {data.requests.length === 0 ? (
            <p>{t('group.noRequests')}</p>
          ) : (
            <ul className="stack">
              {data.requests.map((r) => (
                <li key={r.id}>
                  <p>
                    {t('group.request', {
                      name: r.name,
                      when: formatDateTime(r.at, lng, city.timeZone, 'medium'),
                    })}
                    {r.neighborhood ? ` · ${localized(r.neighborhood, lng).text}` : ''}
                  </p>
                  <IntentForm
                    schema={GroupPageActionSchema}
                    intent="approve"
                    id={`group-approve-${r.id}`}
                    fields={{ membershipId: r.id }}
                    label={t('group.approve', { name: r.name })}
                    lastResult={lastResult}
                  />
                  <IntentForm
                    schema={GroupPageActionSchema}
                    intent="decline"
                    id={`group-decline-${r.id}`}
                    fields={{ membershipId: r.id }}
                    secondary
                    label={t('group.decline', { name: r.name })}
                    lastResult={lastResult}
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}
