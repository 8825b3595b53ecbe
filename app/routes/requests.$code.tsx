import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import leafletStyles from 'leaflet/dist/leaflet.css';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { PhotoList } from '~/components/photo-list';
import { DescriptionList } from '~/components/ui/description-list';
import { formatDateTime } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { latestEventId } from '~/modules/realtime/publish.server';
import { rememberAccess } from '~/modules/requests/tracking/tracking-links.server';
import { AnswersView } from '~/modules/requests/components/answers-view';
import { DueDate } from '~/modules/requests/components/due-date';
import { MediaLink } from '~/modules/requests/components/media-link';
import { RequestLiveNotice } from '~/modules/requests/tracking/components/request-live';
import { getRequestView, linkedForumPosts } from '~/modules/requests/tracking/request-queries.server';
import { readableRequest, requireReadableRequest } from '~/modules/requests/guards.server';
import { getUser } from '~/modules/identity/session.server';
import { getPublicRequest, mapTiles } from '~/modules/requests/public/public-requests.server';
import { RequestsMap } from '~/modules/requests/public/components/requests-map';
import { meTooState } from '~/modules/requests/public/me-too.server';
import { PublicRequest, type PublicRequestView } from '~/modules/requests/public/components/public-request';
import { HandleRequest } from '~/modules/requests/handling/components/handle-request';
import { FollowUpStaff } from '~/modules/requests/follow-up/components/follow-up-staff';
import { RequestTimeline } from '~/modules/requests/tracking/components/request-timeline';
import { followUpAnswered, followUpForStaff, followUpSurvey, recordPhoneFollowUp } from '~/modules/requests/follow-up/follow-up.server';
import { canReviewFollowUps } from '~/modules/requests/policy';
import { getLocale } from '~/modules/identity/locale.server';
import { addNote, assign, changeStatus, handlingView } from '~/modules/requests/handling/handling.server';
import { isOpen, isOverdue } from '~/modules/requests/lifecycle';
import { callerFor, systemCaller } from '~/lib/caller.server';
import { meetingsOfRequest } from '~/modules/blockwatch/meeting-requests.server';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { handleRequestSchema } from '~/modules/requests/handling/handling-schemas';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'requests:track.title', { code: (data?.kind === 'public' ? data.request.code : data?.request.publicCode) ?? '' });

/**
 * A request's page. Its tracking view is for its requester, holders of the secret link, followers,
 * staff and the department's liaisons. Everyone else gets its public view: what its type's
 * visibility publishes (docs/decisions/0016-public-request-visibility.md), with "Follow it / me
 * too"; a request of a `none` type (or a wrong secret link) is a 404 for them. A link's `?t=` token
 * is moved into the signed request-access cookie and the address cleaned, so reloads work and the
 * token does not stay in the history.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get('t');
  const reader = await readableRequest(request, params.code, token);
  if (!reader) {
    if (token !== null) throw refuse(fail.notFound());
    return publicLoader(request, params.code);
  }
  const { user, access, viaUrl, staff, owner, holdsLink, followerOnly } = reader;
  if (token !== null) {
    const headers = new Headers({ 'Cache-Control': 'no-store' });
    if (viaUrl) headers.append('Set-Cookie', await rememberAccess(request.headers.get('Cookie'), access.publicCode, token));
    return redirect(`/requests/${access.publicCode}`, { status: 303, headers });
  }
  // Read before the page's data: an event committed in between is then replayed, not lost.
  const since = await latestEventId();
  const [view, handling, forumPosts, meetings] = await Promise.all([
    getRequestView(access.id, { staff, photos: !followerOnly }),
    staff ? handlingView(access.id) : null,
    staff && user ? linkedForumPosts(access.id, user) : Promise.resolve([]),
    // The meeting it was raised at, if this reader may see that meeting.
    meetingsOfRequest(systemCaller(user ?? null), access.id),
  ]);
  if (!view) throw refuse(fail.notFound());
  const overdue = staff && isOverdue(view);
  // City-wide staff see the follow-up's answer (not the liaisons it rates); the requester (or link
  // holder) is offered the form once closed.
  const followUp = staff && canReviewFollowUps(user) ? await followUpForStaff(access.id) : null;
  const offerFollowUp = !staff && (owner || holdsLink) && view.status === 'closed' && !(await followUpAnswered(access.id));
  // Right after recording a call: the code to read out and the way to the next call.
  const recorded = staff && url.searchParams.get('recorded') === '1';
  return json(
    {
      kind: 'tracking' as const,
      request: view,
      staff,
      owner,
      since,
      handling,
      overdue,
      followUp,
      offerFollowUp,
      recorded,
      forumPosts,
      meetings,
      // The map of its location, for staff (Leaflet, drawn only with JavaScript).
      tiles: staff && view.latitude !== null && view.longitude !== null ? mapTiles() : null,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

/** The public view (public-requests.server getPublicRequest): a 404 when nothing of it is published. */
async function publicLoader(request: Request, code: string | undefined) {
  const [user, lng] = await Promise.all([getUser(request), getLocale(request)]);
  const published = await getPublicRequest(code, lng);
  if (!published) throw refuse(fail.notFound());
  const { facts } = published;
  const view: PublicRequestView = {
    code: published.code,
    status: published.status,
    type: published.type,
    createdAt: published.createdAt,
    neighborhood: published.neighborhood,
    address: published.address,
    position: published.position,
    visibility: published.visibility === 'full' ? 'full' : 'summary',
    description: facts.description,
    note: facts.note,
    mediaUrl: facts.mediaUrl,
    agency: published.agency,
    open: isOpen(published.status),
  };
  const meToo = await meTooState(published.id, user?.id);
  return json({ kind: 'public' as const, request: view, meToo, signedIn: !!user }, { headers: { 'Cache-Control': 'private, no-store' } });
}

/**
 * Staff handling (status, note, assignment, a follow-up answer taken on the phone): admins,
 * city-wide staff and the department's liaisons. Readers who may not handle it get 403 (they may
 * read it); everyone else the same 404 as the page. A bad form or a transition not allowed now
 * comes back as a 400 with its message and the input kept.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, access, staff } = await requireReadableRequest(request, params.code);
  if (!staff || !user) throw refuse(fail.forbidden());
  const reviewer = canReviewFollowUps(user);
  const questions = reviewer ? (await followUpSurvey()).questions : [];
  const submission = await readSubmission(request, handleRequestSchema(questions));
  if (submission.payload.intent === 'followUp' && !reviewer) throw refuse(fail.forbidden());
  if (submission.status !== 'success') return replyForm(submission);
  const input = submission.value;
  const caller = callerFor(user, context);
  const result =
    input.intent === 'status'
      ? await changeStatus(caller, access.id, input)
      : input.intent === 'note'
        ? await addNote(caller, access.id, input)
        : input.intent === 'assign'
          ? await assign(caller, access.id, input.assignee ?? null)
          : await recordPhoneFollowUp(caller, access, input.a, await getLocale(request));
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    `/requests/${access.publicCode}`,
    { kind: 'success', key: `requests:handle.done.${input.intent}` },
    { status: 303 },
  );
}

export default function RequestPage() {
  const data = useLoaderData<typeof loader>();
  return data.kind === 'public' ? <PublicRequest request={data.request} meToo={data.meToo} signedIn={data.signedIn} /> : <TrackRequest />;
}

function TrackRequest() {
  const { t, i18n } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  if (data.kind !== 'tracking') throw new Error('tracking data expected');
  const { request: r, staff, since, handling, overdue, followUp, offerFollowUp, recorded, forumPosts, meetings, tiles } = data;
  const lastResult = useActionData<typeof action>();
  const { city } = useRootData();
  const lng = i18n.language;
  const typeName = localized(r.type.name, lng);
  const when = (d: string) => formatDateTime(d, lng, city.timeZone);
  const header = (
    <>
      <RequestLiveNotice requestId={r.id} since={since} />
      {recorded ? (
        <div role="status" className="alert alert-success stack">
          <p>{t('record.done')}</p>
          <p>
            {t('record.code')} <strong className="public-code recorded-code">{r.publicCode}</strong>
          </p>
          <p>
            <Link to="/staff/requests/new">{t('record.another')}</Link>
          </p>
        </div>
      ) : null}
      <h1>{t('track.heading', { code: r.publicCode })}</h1>
      <p className="lead">
        <span lang={typeName.fellBack ? typeName.lang : undefined}>{typeName.text}</span>
      </p>
      <p>
        {t('track.status')} <StatusBadge status={r.status} label={t(`status.${r.status}`)} strong />
      </p>
      {offerFollowUp ? (
        <p className="alert alert-info">
          {t('followUp.offer')} <Link to={`/requests/${r.publicCode}/follow-up`}>{t('followUp.offerLink')}</Link>
        </p>
      ) : null}
    </>
  );
  const details = (
    <>
      <DescriptionList
        items={[
          { key: 'filed', term: t('track.filed'), value: when(r.createdAt) },
          { key: 'address', term: t('track.address'), value: r.address },
          { key: 'addressId', term: t('track.addressId'), value: r.addressId },
          {
            key: 'point',
            term: t('track.point'),
            value:
              r.latitude !== null && r.longitude !== null ? (
                <>
                  {r.latitude}, {r.longitude}
                </>
              ) : null,
          },
          { key: 'neighborhood', term: t('track.neighborhood'), value: r.neighborhood ? localized(r.neighborhood, lng).text : null },
          { key: 'department', term: t('track.department'), value: localized(r.department, lng).text },
          {
            key: 'due',
            term: t('track.due'),
            value: staff ? <DueDate dueAt={r.dueAt} label={when(r.dueAt)} overdue={overdue} /> : null,
          },
        ]}
      />
      {tiles && r.latitude !== null && r.longitude !== null ? (
        <RequestsMap
          label={t('track.map')}
          tiles={tiles}
          markers={[{ code: r.publicCode, label: r.publicCode, lat: r.latitude, lng: r.longitude, href: `/requests/${r.publicCode}` }]}
        />
      ) : null}
      <Card title={t('track.description')} id="description-heading">
        <p className="pre-wrap">{r.description}</p>
        <AnswersView fields={r.fields} answers={r.answers} />
        <MediaLink url={r.mediaUrl} />
      </Card>
      {r.attachments.length ? (
        <Card title={t('track.photos')} id="photos-heading">
          <PhotoList
            photos={r.attachments}
            href={(id) => `/requests/${r.publicCode}/photos/${id}`}
            alt={(i) => t('track.photoAlt', { number: i + 1 })}
          />
        </Card>
      ) : null}
      {staff ? (
        <Card title={t('track.contact')} id="contact-heading">
          {r.contact ? (
            <DescriptionList
              items={[
                { key: 'name', term: t('form.contactName'), value: r.contact.name },
                { key: 'email', term: t('form.contactEmail'), value: r.contact.email },
                { key: 'phone', term: t('form.contactPhone'), value: r.contact.phone },
              ]}
            />
          ) : (
            <p>{t('track.noContact')}</p>
          )}
        </Card>
      ) : null}
      {meetings.length ? (
        <Card title={t('blockwatch:meeting.raisedAt')} id="meeting-heading">
          <ul>
            {meetings.map((m) => (
              <li key={m.path}>
                <Link to={m.path}>
                  {m.title}, <time dateTime={m.startsAt}>{formatDateTime(m.startsAt, i18n.language, m.timeZone, 'long')}</time>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {staff && forumPosts.length ? (
        <Card title={t('track.forumPosts')} id="forum-heading">
          <ul>
            {forumPosts.map((p) => (
              <li key={p.postId}>
                <Link to={`/threads/${p.threadId}?from=${p.postId}#post-${p.postId}`}>
                  {p.isOpening ? p.title : t('track.replyIn', { title: p.title })}
                </Link>
                {' · '}
                <Link to={`/posts/${p.postId}/promote`}>
                  {t('track.manageLinks')}
                  <span className="visually-hidden"> {p.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {r.mergedInto ? (
        <Card title={t('track.mergedInto', { code: r.mergedInto.code })} id="merged-heading">
          <p>{t('track.mergedIntro')}</p>
          <p>
            {t('track.status')} <StatusBadge status={r.mergedInto.status} label={t(`status.${r.mergedInto.status}`)} strong />
          </p>
          <RequestTimeline events={r.mergedInto.events} when={when} />
        </Card>
      ) : null}
    </>
  );
  const timeline = (
    <Card title={t('track.timeline')} id="timeline-heading">
      <RequestTimeline events={r.events} when={when} />
    </Card>
  );
  if (!staff)
    return (
      <div className="stack">
        {header}
        {details}
        {timeline}
      </div>
    );
  // Staff: a workspace. The actions come first in the page (first on a phone); from 64rem the
  // request's details take the left column, the actions and the timeline the right one.
  return (
    <div className="stack">
      {header}
      <div className="request-workspace">
        <div className="workspace-actions stack">
          {handling ? <HandleRequest handling={handling} status={r.status} lastResult={lastResult} /> : null}
          {followUp ? <FollowUpStaff followUp={followUp} closed={r.status === 'closed'} when={when} lastResult={lastResult} /> : null}
        </div>
        <div className="workspace-details stack">{details}</div>
        <div className="workspace-timeline stack">{timeline}</div>
      </div>
    </div>
  );
}
