import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton } from '~/components/forms';
import type { FieldErrors } from '~/lib/forms';
import { pageTitle } from '~/lib/meta';
import { consume } from '~/lib/rate-limit.server';
import { requestContext } from '~/lib/request-context.server';
import { honeypot, readForm } from '~/lib/security.server';
import { getLocale } from '~/modules/identity/locale.server';
import { AnswerFields } from '~/modules/requests/components/answer-fields';
import { saveFollowUp } from '~/modules/requests/follow-up/follow-up.server';
import { answerName, parseAnswers } from '~/modules/requests/intake/intake-schemas';
import { requireFollowUp } from '~/modules/requests/guards.server';
import type { FollowUpState } from '~/modules/requests/values';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:followUp.title');

const noStore = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' };

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

type Result = { state: FollowUpState | 'thanks'; errors?: FieldErrors; values?: Record<string, string | string[]> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  // Every post counts, valid or not: the form is public and the link is a guessable target.
  await consume('followUpIp', requestContext(context).clientIp);
  // The token stays in the form's address, so the page re-read after the post still opens.
  const token = new URL(request.url).searchParams.get('t');
  // Who may answer is settled first (404 to everyone else), then the form's CSRF token and honeypot.
  const { access, state, questions } = await requireFollowUp(request, params.code, token);
  const formData = await readForm(request, { honeypot: true });
  if (state !== 'open') return json<Result>({ state }, { status: state === 'answered' ? 409 : 400, headers: noStore });
  const parsed = parseAnswers(formData, questions);
  if (!parsed.ok) {
    const values: Record<string, string> = {};
    for (const q of questions) {
      const v = formData.get(answerName(q.key));
      if (typeof v === 'string') values[answerName(q.key)] = v;
    }
    return json<Result>({ state: 'open', errors: parsed.errors, values }, { status: 400, headers: noStore });
  }
  const saved = await saveFollowUp({ requestId: access.id, answers: parsed.answers, language: await getLocale(request) });
  return json<Result>({ state: saved === 'saved' ? 'thanks' : 'answered' }, { status: saved === 'saved' ? 200 : 409, headers: noStore });
}

export default function FollowUp() {
  const { t } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const state = result?.state ?? data.state;
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
            noValidate
            honeypot={data.honeypot}
            className="stack"
            action={
              data.token ? `/requests/${data.code}/follow-up?t=${encodeURIComponent(data.token)}` : `/requests/${data.code}/follow-up`
            }
          >
            <FormErrors errors={result?.errors} />
            <AnswerFields fields={data.questions} values={result?.values ?? {}} errors={result?.errors} />
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
