import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { requireUser } from '~/modules/identity/guards.server';
import { followRequest, followState, unfollowRequest } from '~/modules/requests/forum-links/forum-links.server';
import { FollowRequestSchema } from '~/modules/requests/tracking/tracking-schemas';
import { PublicCodeSchema } from '~/modules/requests/public-code';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'requests:follow.title', { code: data?.code ?? '' });

/**
 * One-click follow of a request, for the author of a forum post linked to it (the notification
 * leads here) and for those who already read it. Following gives the resident's view of the
 * request (public entries only) and notices of its public changes. Anyone else gets a 404, like
 * the tracking page, so codes cannot be probed.
 */
async function load(request: Request, rawCode: string | undefined) {
  const user = await requireUser(request);
  const code = PublicCodeSchema.safeParse(rawCode ?? '');
  const state = code.success ? await followState(user, code.data) : null;
  if (!state?.mayFollow) throw refuse(fail.notFound());
  return { user, state };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { state } = await load(request, params.code);
  return json(
    { code: state.request.publicCode, status: state.request.status, follows: state.follows },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, state } = await load(request, params.code);
  const submission = await readSubmission(request, FollowRequestSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const code = state.request.publicCode;
  if (submission.value.intent === 'unfollow') {
    const result = await unfollowRequest(caller, code);
    if (!result.ok) return respondToForm(submission, result);
    // Back to this page when they may follow again (a linked post's author), else home.
    const after = await followState(user, code);
    return redirectWithFlash(
      after?.mayFollow ? `/requests/${code}/follow` : '/',
      { kind: 'success', key: 'requests:follow.stopped', values: { code } },
      { status: 303 },
    );
  }
  const result = await followRequest(caller, code);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(`/requests/${code}`, { kind: 'success', key: 'requests:follow.started', values: { code } }, { status: 303 });
}

export default function FollowRequest() {
  const { t } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  const [form] = useSchemaForm(FollowRequestSchema, { lastResult: useActionData<typeof action>() });
  return (
    <div className="stack">
      <h1>{t('follow.title', { code: data.code })}</h1>
      <p>
        {t('track.status')} <strong className={`pill status-${data.status}`}>{t(`status.${data.status}`)}</strong>
      </p>
      {data.follows ? (
        <>
          <p>{t('follow.following')}</p>
          <p>
            <Link to={`/requests/${data.code}`}>{t('follow.open', { code: data.code })}</Link>
          </p>
          <PostForm form={form}>
            <FormErrors form={form} />
            <input type="hidden" name="intent" value="unfollow" />
            <SubmitButton className="button button-secondary">{t('follow.unfollow')}</SubmitButton>
          </PostForm>
        </>
      ) : (
        <>
          <p>{t('follow.intro')}</p>
          <PostForm form={form}>
            <FormErrors form={form} />
            <input type="hidden" name="intent" value="follow" />
            <SubmitButton>{t('follow.submit')}</SubmitButton>
          </PostForm>
        </>
      )}
    </div>
  );
}
