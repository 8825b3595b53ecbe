import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { pageTitle } from '~/lib/meta';
import { consume } from '~/lib/rate-limit.server';
import { requestContext } from '~/lib/request-context.server';
import { honeypot } from '~/lib/security.server';
import { callerOf } from '~/lib/caller.server';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { getLocale } from '~/modules/identity/locale.server';
import { AnswerFields } from '~/modules/requests/components/answer-fields';
import { saveFollowUp } from '~/modules/requests/follow-up/follow-up.server';
import { followUpAnswersSchema } from '~/modules/requests/follow-up/follow-up-schemas';
import { requireFollowUp } from '~/modules/requests/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:followUp.title');

/**
 * The page holds a single-use link: neither it nor an answer to its form is kept by a cache or
 * sent to another site as a referrer. `same-origin`, not `no-referrer`: under `no-referrer` a
 * browser posts the form with `Origin: null`, which the CSRF origin check rightly refuses.
 */
const noStore = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' };
export const headers: HeadersFunction = () => noStore;

/**
 * The courtesy follow-up after a request is closed: no sign-in and no JavaScript needed. Opened
 * with the mailed single-use link (`?t=`, carried in the form) or from the tracking page by the
 * request's requester or link holder. The answer is stored without any user id.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('t');
  const { access, state, questions } = await requireFollowUp(request, params.code, token);
  return json(
    { code: access.publicCode, state, questions, token: state === 'open' ? token : null, honeypot: await honeypot().getInputProps() },
    { headers: noStore },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // Every post counts, valid or not: the form is public and the link is a guessable target.
  await consume('followUpIp', requestContext(context).clientIp);
  // The token stays in the form's address, so the page re-read after the post still opens.
  const token = new URL(request.url).searchParams.get('t');
  // Who may answer is settled first (404 to everyone else), then the form's CSRF token and honeypot.
  const { access, state, questions } = await requireFollowUp(request, params.code, token);
  const submission = await readSubmission(request, followUpAnswersSchema(questions), { honeypot: true });
  if (state !== 'open')
    return respondToForm(
      submission,
      state === 'answered' ? fail.conflict(`requests:followUp.${state}`) : fail.invalid({}, `requests:followUp.${state}`),
      { headers: noStore },
    );
  if (submission.status !== 'success') return replyForm(submission, undefined, { headers: noStore });
  // A signed-in requester answers anonymously too: the caller is never stored (saveFollowUp).
  const saved = await saveFollowUp(await callerOf(request, context), {
    requestId: access.id,
    answers: submission.value.a,
    language: await getLocale(request),
  });
  if (!saved.ok) return respondToForm(submission, saved, { headers: noStore });
  return json(submission.reply(), { headers: noStore });
}

export default function FollowUp() {
  const { t } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(followUpAnswersSchema(data.questions), { lastResult });
  const navigation = useNavigation();
  const state = lastResult?.status === 'success' ? 'thanks' : data.state;
  return (
    <div className="stack">
      <h1>{t('followUp.title')}</h1>
      {state === 'thanks' ? (
        <div role="status" className="alert alert-success">
          <p>{t('followUp.thanks')}</p>
        </div>
      ) : state === 'open' ? (
        <>
          <p>{t('followUp.intro', { code: data.code })}</p>
          <p className="hint">{t('followUp.anonymous')}</p>
          <PostForm
            form={form}
            honeypot={data.honeypot}
            className="stack"
            action={
              data.token ? `/requests/${data.code}/follow-up?t=${encodeURIComponent(data.token)}` : `/requests/${data.code}/follow-up`
            }
          >
            <FormErrors form={form} />
            <AnswerFields fields={data.questions} field={fields.a} />
            <SubmitButton disabled={navigation.state === 'submitting'}>{t('followUp.submit')}</SubmitButton>
          </PostForm>
        </>
      ) : (
        <div role="status" className="alert alert-info">
          <p>{t(`followUp.${state}`)}</p>
        </div>
      )}
      <p>
        <Link to="/">{t('followUp.home')}</Link>
      </p>
    </div>
  );
}
