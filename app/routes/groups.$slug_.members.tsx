import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Badge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { CheckboxField, FormErrors, IntentForm, PostForm, SubmitButton, TextField, replyFor } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate, formatNumber } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { calendarLinkSince, newCalendarLink, revokeCalendarLink } from '~/modules/blockwatch/calendar.server';
import { ShownOnceLink } from '~/modules/blockwatch/components/shown-once-link';
import { loadGroupForMembers } from '~/modules/blockwatch/group-page.server';
import { appointCaptain, dismissCaptain, handOver, removeMember, setMemberRole } from '~/modules/blockwatch/leadership.server';
import { updateSharing } from '~/modules/blockwatch/membership.server';
import { appointsCaptains, decidesMembers, isCaptain, leadsGroup, mayRemove } from '~/modules/blockwatch/policy';
import { activeMembers } from '~/modules/blockwatch/queries.server';
import { MembersActionSchema } from '~/modules/blockwatch/schemas';
import { pageLink } from '~/modules/identity/links.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'blockwatch:members.pageTitle', { name: data?.group.name ?? '' });

/** A new calendar link is on the action's answer: never stored by a cache (Remix sends a rendered page these headers). */
const PRIVATE = { 'Cache-Control': 'private, no-store' };
export const headers: HeadersFunction = () => PRIVATE;

/**
 * A group's members (members and leaders only): the directory of what each member chose to share,
 * the member's own choices, and for leaders the list they manage (roles, removal, the captaincy).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { group, membership, user } = await loadGroupForMembers(request, context, params.slug);
  const [members, calendarSince] = await Promise.all([activeMembers(group.id), calendarLinkSince(group.id, user.id)]);
  const decides = decidesMembers(user, group.id, membership);
  const shares = (m: (typeof members)[number]) => !!(m.sharedName || m.sharedStreet || m.sharedPhone || m.sharedEmail);
  // The member's own row (their sharing form); leaders who are not members have none.
  const own = members.find((m) => m.userId === user.id);
  return json(
    {
      group: { slug: group.slug, name: group.name },
      // Only what each member chose to share; a member who shares nothing is only counted.
      directory: members.filter(shares).map((m) => ({
        id: m.id,
        name: m.sharedName,
        street: m.sharedStreet,
        phone: m.sharedPhone,
        email: m.sharedEmail,
        role: m.captain ? 'captain' : m.role,
      })),
      unlisted: members.filter((m) => !shares(m)).length,
      sharing: own
        ? {
            sharedName: own.sharedName,
            sharedStreet: own.sharedStreet,
            sharedPhone: own.sharedPhone,
            sharedEmail: own.sharedEmail,
            alertByMail: own.alertByMail,
            displayName: user.displayName,
          }
        : null,
      manage: decides
        ? members.map((m) => ({
            id: m.id,
            userId: m.userId,
            name: m.user.displayName,
            role: m.captain ? 'captain' : m.role,
            since: m.createdAt.toISOString(),
            mayRemove: mayRemove(user, group.id, membership, m),
            self: m.userId === user.id,
          }))
        : null,
      leads: leadsGroup(user, group.id),
      captain: isCaptain(user, group.id),
      appoints: appointsCaptains(user),
      calendarSince: calendarSince?.toISOString() ?? null,
    },
    { headers: PRIVATE },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, group } = await loadGroupForMembers(request, context, params.slug);
  const submission = await readSubmission(request, MembersActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const input = submission.value;
  if (input.intent === 'calendarLink') {
    const made = await newCalendarLink(caller, group);
    if (!made.ok) return respondToForm(submission, made);
    // Shown on this answer only (see PRIVATE): only the token's hash is kept.
    return json({ calendarLink: pageLink(`/calendars/${made.value.token}.ics`) }, { headers: PRIVATE });
  }
  const result = await (() => {
    switch (input.intent) {
      case 'share':
        return updateSharing(caller, group, input);
      case 'remove':
        return removeMember(caller, group, input.membershipId);
      case 'coCaptain':
      case 'member':
        return setMemberRole(caller, group, input.membershipId, input.intent);
      case 'handOver':
        return handOver(caller, group, input.membershipId);
      case 'appoint':
        return appointCaptain(caller, group, input.email);
      case 'dismiss':
        return dismissCaptain(caller, group, input.userId);
      case 'calendarRevoke':
        return revokeCalendarLink(caller, group);
    }
  })();
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    `/groups/${group.slug}/members`,
    { kind: 'success', key: `blockwatch:members.flash.${input.intent}` },
    { status: 303 },
  );
}

function SharingForm({
  sharing,
  lastResult,
}: {
  sharing: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['sharing']>;
  lastResult: unknown;
}) {
  const { t } = useTranslation('blockwatch');
  const [form, fields] = useSchemaForm(MembersActionSchema, {
    lastResult: replyFor(lastResult, 'share'),
    id: 'sharing',
    defaultValue: {
      sharedName: sharing.sharedName ?? '',
      sharedStreet: sharing.sharedStreet ?? '',
      sharedPhone: sharing.sharedPhone ?? '',
      sharedEmail: sharing.sharedEmail ?? '',
      alertByMail: sharing.alertByMail ? 'on' : undefined,
    },
  });
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="share" />
      <p id="sharing-hint">{t('members.sharingHint')}</p>
      <TextField
        label={t('members.sharedName')}
        field={fields.sharedName}
        hint={t('members.sharedNameHint', { name: sharing.displayName })}
        autoComplete="name"
      />
      <TextField label={t('members.sharedStreet')} field={fields.sharedStreet} autoComplete="address-line1" />
      <TextField label={t('members.sharedPhone')} field={fields.sharedPhone} type="tel" autoComplete="tel" />
      <TextField label={t('members.sharedEmail')} field={fields.sharedEmail} type="email" autoComplete="email" />
      <CheckboxField label={t('members.alertByMail')} field={fields.alertByMail} hint={t('members.alertByMailHint')} />
      <SubmitButton>{t('members.saveSharing')}</SubmitButton>
    </PostForm>
  );
}

/** The member's private link to the group's calendar: made (shown once), replaced or stopped. */
function CalendarCard({ since, made, lastResult }: { since: string | null; made: string | null; lastResult: unknown }) {
  const { t, i18n } = useTranslation('blockwatch');
  const { city } = useRootData();
  return (
    <Card title={t('members.calendarTitle')} id="calendar-card">
      <p>{t('members.calendarHint')}</p>
      {made ? (
        <ShownOnceLink id="calendar-link" message={t('members.calendarMade')} label={t('members.calendarLinkLabel')} url={made}>
          <p>
            <a href={made.replace(/^https?:/, 'webcal:')}>{t('members.calendarSubscribe')}</a>
          </p>
        </ShownOnceLink>
      ) : since ? (
        <p>{t('members.calendarActive', { when: formatDate(since, i18n.language, city.timeZone) })}</p>
      ) : null}
      <div className="row-actions">
        <IntentForm
          schema={MembersActionSchema}
          intent="calendarLink"
          label={since ? t('members.calendarReplace') : t('members.calendarMake')}
          lastResult={lastResult}
        />
        {since ? (
          <IntentForm
            schema={MembersActionSchema}
            intent="calendarRevoke"
            secondary
            label={t('members.calendarRevoke')}
            lastResult={lastResult}
          />
        ) : null}
      </div>
    </Card>
  );
}

function AppointForm({ lastResult }: { lastResult: unknown }) {
  const { t } = useTranslation('blockwatch');
  const [form, fields] = useSchemaForm(MembersActionSchema, { lastResult: replyFor(lastResult, 'appoint'), id: 'appoint' });
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="appoint" />
      <TextField label={t('members.appointEmail')} field={fields.email} type="email" hint={t('members.appointHint')} />
      <SubmitButton>{t('members.appoint')}</SubmitButton>
    </PostForm>
  );
}

export default function GroupMembers() {
  const { t, i18n } = useTranslation('blockwatch');
  const { city } = useRootData();
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lng = i18n.language;
  const { group } = data;
  const roleBadge = (role: string) => (role === 'member' ? null : <Badge tone={role}>{t(`members.roles.${role}`)}</Badge>);
  return (
    <div className="stack">
      <p>
        <Link to={`/groups/${group.slug}`}>{t('members.backToGroup', { name: group.name })}</Link>
      </p>
      <h1>{t('members.title', { name: group.name })}</h1>

      <Card title={t('members.directoryTitle')} id="directory">
        {data.directory.length === 0 ? (
          <p>{t('members.directoryEmpty')}</p>
        ) : (
          <ul className="stack" aria-label={t('members.directoryTitle')}>
            {data.directory.map((m) => (
              <li key={m.id}>
                <p>
                  <strong>{m.name ?? t('members.nameNotShared')}</strong> {roleBadge(m.role)}
                </p>
                <dl className="description-list">
                  {m.street ? (
                    <>
                      <dt>{t('members.street')}</dt>
                      <dd>{m.street}</dd>
                    </>
                  ) : null}
                  {m.phone ? (
                    <>
                      <dt>{t('members.phone')}</dt>
                      <dd>
                        <a href={`tel:${m.phone.replace(/[^0-9+]/g, '')}`}>{m.phone}</a>
                      </dd>
                    </>
                  ) : null}
                  {m.email ? (
                    <>
                      <dt>{t('members.email')}</dt>
                      <dd>
                        <a href={`mailto:${m.email}`}>{m.email}</a>
                      </dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        )}
        {data.unlisted ? <p>{t('members.unlisted', { count: data.unlisted, formattedCount: formatNumber(data.unlisted, lng) })}</p> : null}
      </Card>

      {data.sharing ? (
        <Card title={t('members.sharingTitle')} id="sharing-card">
          <SharingForm sharing={data.sharing} lastResult={lastResult} />
        </Card>
      ) : null}

      <CalendarCard
        since={data.calendarSince}
        made={lastResult && 'calendarLink' in lastResult ? lastResult.calendarLink : null}
        lastResult={lastResult}
      />

      {data.manage ? (
        <Card title={t('members.manageTitle')} id="manage">
          <DataTable
            caption={t('members.manageTitle')}
            captionHidden
            rows={data.manage}
            rowKey={(m) => m.id}
            empty={t('members.none')}
            columns={[
              {
                key: 'name',
                header: t('members.name'),
                rowHeader: true,
                cell: (m) => (
                  <>
                    {m.name} {roleBadge(m.role)}
                  </>
                ),
              },
              { key: 'since', header: t('members.since'), cell: (m) => formatDate(m.since, lng, city.timeZone) },
              {
                key: 'actions',
                header: t('members.actions'),
                cell: (m) => (
                  <div className="row-actions">
                    {data.leads && m.role === 'member' ? (
                      <IntentForm
                        schema={MembersActionSchema}
                        intent="coCaptain"
                        id={`co-captain-${m.id}`}
                        fields={{ membershipId: m.id }}
                        secondary
                        label={t('members.makeCoCaptain', { name: m.name })}
                        lastResult={lastResult}
                      />
                    ) : null}
                    {data.leads && m.role === 'coCaptain' ? (
                      <IntentForm
                        schema={MembersActionSchema}
                        intent="member"
                        id={`member-${m.id}`}
                        fields={{ membershipId: m.id }}
                        secondary
                        label={t('members.makeMember', { name: m.name })}
                        lastResult={lastResult}
                      />
                    ) : null}
                    {data.captain && m.role !== 'captain' ? (
                      <IntentForm
                        schema={MembersActionSchema}
                        intent="handOver"
                        id={`hand-over-${m.id}`}
                        fields={{ membershipId: m.id }}
                        secondary
                        label={t('members.handOver', { name: m.name })}
                        lastResult={lastResult}
                      />
                    ) : null}
                    {m.mayRemove && !m.self ? (
                      <IntentForm
                        schema={MembersActionSchema}
                        intent="remove"
                        id={`remove-${m.id}`}
                        fields={{ membershipId: m.id }}
                        secondary
                        label={t('members.remove', { name: m.name })}
                        lastResult={lastResult}
                      />
                    ) : null}
                    {data.appoints && m.role === 'captain' ? (
                      <IntentForm
                        schema={MembersActionSchema}
                        intent="dismiss"
                        id={`dismiss-${m.id}`}
                        fields={{ userId: m.userId }}
                        secondary
                        label={t('members.dismiss', { name: m.name })}
                        lastResult={lastResult}
                      />
                    ) : null}
                  </div>
                ),
              },
            ]}
          />
          {data.captain ? <p>{t('members.handOverHint')}</p> : null}
          <p>
            <Link to={`/groups/${group.slug}/invites`}>{t('members.invitesLink')}</Link>
          </p>
        </Card>
      ) : null}

      {data.appoints ? (
        <Card title={t('members.appointTitle')} id="appoint-card">
          <AppointForm lastResult={lastResult} />
        </Card>
      ) : null}
    </div>
  );
}
