import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { IntentForm } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDateTime } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { loadGroupForLeaders } from '~/modules/blockwatch/group-page.server';
import { ShownOnceLink } from '~/modules/blockwatch/components/shown-once-link';
import { createInvite, revokeInvite } from '~/modules/blockwatch/invites.server';
import { invitesOf } from '~/modules/blockwatch/queries.server';
import { InvitesActionSchema } from '~/modules/blockwatch/schemas';
import { pageLink } from '~/modules/identity/links.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'blockwatch:invites.pageTitle', { name: data?.group.name ?? '' });

/** A new link is on the action's answer: never stored by a cache (Remix sends a rendered page these headers). */
const PRIVATE = { 'Cache-Control': 'private, no-store' };
export const headers: HeadersFunction = () => PRIVATE;

/** Invite links: a leader makes one (shown once: only its hash is kept), sees who made each and revokes them. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { group } = await loadGroupForLeaders(request, context, params.slug);
  const invites = await invitesOf(group.id);
  return json(
    {
      group: { slug: group.slug, name: group.name },
      invites: invites.map((i) => ({
        id: i.id,
        at: i.createdAt.toISOString(),
        by: i.createdBy?.displayName ?? null,
        revokedAt: i.revokedAt?.toISOString() ?? null,
      })),
    },
    { headers: PRIVATE },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, group } = await loadGroupForLeaders(request, context, params.slug);
  const submission = await readSubmission(request, InvitesActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const input = submission.value;
  if (input.intent === 'revoke') {
    const result = await revokeInvite(caller, group, input.inviteId);
    if (!result.ok) return respondToForm(submission, result);
    return redirectWithFlash(`/groups/${group.slug}/invites`, { kind: 'success', key: 'blockwatch:invites.revoked' }, { status: 303 });
  }
  const result = await createInvite(caller, group);
  if (!result.ok) return respondToForm(submission, result);
  // Shown on this answer only (see PRIVATE).
  return json({ link: pageLink(`/groups/${group.slug}/join/${result.value.token}`) }, { headers: PRIVATE });
}

export default function GroupInvites() {
  const { t, i18n } = useTranslation('blockwatch');
  const { city } = useRootData();
  const { group, invites } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lng = i18n.language;
  const made = lastResult && 'link' in lastResult ? lastResult.link : null;
  return (
    <div className="stack">
      <p>
        <Link to={`/groups/${group.slug}/members`}>{t('invites.backToMembers')}</Link>
      </p>
      <h1>{t('invites.title', { name: group.name })}</h1>
      <p>{t('invites.intro')}</p>
      {made ? <ShownOnceLink id="invite-link" message={t('invites.made')} label={t('invites.linkLabel')} url={made} /> : null}
      <IntentForm schema={InvitesActionSchema} intent="create" label={t('invites.create')} lastResult={lastResult} />
      <Card title={t('invites.listTitle')} id="invites">
        <DataTable
          caption={t('invites.listTitle')}
          captionHidden
          rows={invites}
          rowKey={(i) => i.id}
          empty={t('invites.none')}
          columns={[
            {
              key: 'made',
              header: t('invites.madeAt'),
              rowHeader: true,
              cell: (i) => formatDateTime(i.at, lng, city.timeZone, 'medium'),
            },
            { key: 'by', header: t('invites.madeBy'), cell: (i) => i.by ?? t('invites.deletedAccount') },
            {
              key: 'state',
              header: t('invites.state'),
              cell: (i) =>
                i.revokedAt ? (
                  <StatusBadge
                    status="closed"
                    label={t('invites.revokedOn', { when: formatDateTime(i.revokedAt, lng, city.timeZone, 'medium') })}
                  />
                ) : (
                  <StatusBadge status="open" label={t('invites.active')} />
                ),
            },
            {
              key: 'revoke',
              header: t('invites.actions'),
              headerHidden: true,
              cell: (i) =>
                i.revokedAt ? null : (
                  <IntentForm
                    schema={InvitesActionSchema}
                    intent="revoke"
                    id={`revoke-${i.id}`}
                    fields={{ inviteId: i.id }}
                    secondary
                    label={t('invites.revoke', { when: formatDateTime(i.at, lng, city.timeZone, 'short') })}
                    lastResult={lastResult}
                  />
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
