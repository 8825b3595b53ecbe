import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { safeRedirectPath } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requireUser } from '~/modules/identity/guards.server';
import { acceptTerms } from '~/modules/identity/legal-acceptance.server';
import { AcceptTermsSchema } from '~/modules/identity/schemas';
import { SitePage } from '~/modules/site-pages/components/site-page';
import { shownSitePage } from '~/modules/site-pages/public-page.server';

const PRIVATE = { 'Cache-Control': 'private, no-store' };
export const headers: HeadersFunction = () => PRIVATE;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'pages:accept.title');

/**
 * The terms of use and the privacy notice changed since the signed-in person accepted them: both
 * current texts, with their versions and dates, and a box to accept them (a plain POST form).
 * Someone already up to date is told so. Visitors are sent to sign in.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [terms, privacy] = await Promise.all([shownSitePage('terms', request), shownSitePage('privacy', request)]);
  // Where to go on: checked here, once, for the link and the form alike.
  const continueTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'), '/');
  return json({ pending: !!user.legalPending, terms, privacy, continueTo }, { headers: PRIVATE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await readSubmission(request, AcceptTermsSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const { termsVersion, privacyVersion, redirectTo } = submission.value;
  const result = await acceptTerms(callerFor(user, context), { termsVersion, privacyVersion });
  if (!result.ok) return respondToForm(submission, result);
  return redirect(safeRedirectPath(redirectTo, '/'), 303);
}

export default function AcceptTerms() {
  const { t } = useTranslation('pages');
  const { pending, terms, privacy, continueTo } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(AcceptTermsSchema, { lastResult: useActionData<typeof action>(), id: 'accept-terms' });
  if (!pending)
    return (
      <div className="stack">
        <h1>{t('accept.title')}</h1>
        <p>{t('accept.upToDate')}</p>
        <p>
          <Link to={continueTo}>{t('accept.continue')}</Link>
        </p>
      </div>
    );
  return (
    <div className="stack">
      <h1>{t('accept.title')}</h1>
      <p>{t('accept.intro')}</p>
      <SitePage page={terms} level={2} />
      <SitePage page={privacy} level={2} />
      <PostForm form={form} className="card stack">
        <FormErrors form={form} />
        <input type="hidden" name={fields.termsVersion.name} value={terms.version} />
        <input type="hidden" name={fields.privacyVersion.name} value={privacy.version} />
        <input type="hidden" name={fields.redirectTo.name} value={continueTo} />
        <CheckboxField label={t('accept.checkbox')} field={fields.accept} />
        <div className="actions">
          <SubmitButton>{t('accept.submit')}</SubmitButton>
        </div>
      </PostForm>
      <p>{t('accept.orLeave')}</p>
    </div>
  );
}
