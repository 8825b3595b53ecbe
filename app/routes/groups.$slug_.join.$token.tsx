import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { IntentForm } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { loadGroup } from '~/modules/blockwatch/group-page.server';
import { inviteByToken, joinByInvite } from '~/modules/blockwatch/invites.server';
import { JoinByInviteSchema } from '~/modules/blockwatch/schemas';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'blockwatch:join.pageTitle', { name: data?.group.name ?? '' });

/** The link's token is a secret: never cached (the site's referrer policy sends other sites no path). */
const PRIVATE = { 'Cache-Control': 'private, no-store' };
export const headers: HeadersFunction = () => PRIVATE;

/**
 * An invite link: the group and a button to join (a visitor signs in first and comes back here).
 * A token never made is a 404; a revoked one says so with a 410.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { caller, group, membership } = await loadGroup(request, context, params.slug);
  const invite = await inviteByToken(params.token ?? '');
  if (!invite || invite.group.slug !== group.slug) throw refuse(fail.notFound());
  const url = new URL(request.url);
  return json(
    {
      group: { slug: group.slug, name: group.name },
      revoked: !!invite.revokedAt,
      signedIn: !!caller.user,
      signInLink: `/signin?redirectTo=${encodeURIComponent(url.pathname)}`,
      status: membership?.status ?? null,
    },
    { status: invite.revokedAt ? 410 : 200, headers: PRIVATE },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, group } = await loadGroup(request, context, params.slug);
  const submission = await readSubmission(request, JoinByInviteSchema);
  if (submission.status !== 'success') return replyForm(submission, undefined, { headers: PRIVATE });
  const result = await joinByInvite(caller, group, params.token ?? '');
  if (!result.ok) return respondToForm(submission, result, { headers: PRIVATE });
  return redirectWithFlash(`/groups/${group.slug}`, { kind: 'success', key: 'blockwatch:join.joined' }, { status: 303 });
}

export default function JoinByInvite() {
  const { t } = useTranslation('blockwatch');
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { group } = data;
  return (
    <div className="stack">
      <h1>{t('join.title', { name: group.name })}</h1>
      {data.revoked ? (
        <p>{t('join.revoked')}</p>
      ) : data.status === 'active' ? (
        <p>{t('join.alreadyMember')}</p>
      ) : data.status === 'removed' ? (
        <p>{t('group.status.removed')}</p>
      ) : !data.signedIn ? (
        <p>
          <Link to={data.signInLink}>{t('join.signIn')}</Link>
        </p>
      ) : (
        <>
          <p>{t('join.intro')}</p>
          <IntentForm schema={JoinByInviteSchema} intent="join" label={t('join.button', { name: group.name })} lastResult={lastResult} />
        </>
      )}
      <p>
        <Link to={`/groups/${group.slug}`}>{t('join.aboutGroup', { name: group.name })}</Link>
      </p>
    </div>
  );
}
