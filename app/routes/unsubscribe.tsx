import { parseWithSchema } from '~/lib/schema-parse';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readFormBody } from '~/lib/form-body.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { setEmailPreference, verifyUnsubscribe } from '~/modules/notifications/email.server';
import { OneClickUnsubscribeSchema, UnsubscribeSchema } from '~/modules/notifications/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'notifications:unsubscribe.title');

/** The signed link from a notification mail: valid without signing in, for that person only. */
function check(url: URL) {
  const userId = url.searchParams.get('u') ?? '';
  const sig = url.searchParams.get('s') ?? '';
  if (!userId || userId.length > 40 || !sig || sig.length > 100 || !verifyUnsubscribe(userId, sig)) throw refuse(fail.notFound());
  return userId;
}

export async function loader({ request }: LoaderFunctionArgs) {
  check(new URL(request.url));
  return json({ done: new URL(request.url).searchParams.get('done') === '1' });
}

/**
 * Mail clients' one-click unsubscribe (RFC 8058) posts "List-Unsubscribe=One-Click", urlencoded
 * or multipart/form-data, without a cookie and from anywhere: the signature in the URL is the
 * proof (server/app.ts lets exactly this POST past the cross-site check). The page's own button
 * posts with a CSRF token.
 */
export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const userId = check(url);
  // Read apart from the page's form (no CSRF token to check): the one form reader, urlencoded and multipart alike.
  const { formData } = await readFormBody(request.clone());
  if (parseWithSchema(formData, OneClickUnsubscribeSchema).status === 'success') {
    await setEmailPreference(userId, 'never');
    return new Response(null, { status: 204 });
  }
  const submission = await readSubmission(request, UnsubscribeSchema);
  if (submission.status !== 'success') return replyForm(submission);
  await setEmailPreference(userId, 'never');
  url.searchParams.set('done', '1');
  return new Response(null, { status: 303, headers: { Location: url.pathname + url.search } });
}

export default function Unsubscribe() {
  const { t } = useTranslation('notifications');
  const { done } = useLoaderData<typeof loader>();
  const [form] = useSchemaForm(UnsubscribeSchema, { lastResult: useActionData<typeof action>() });
  return (
    <div className="stack">
      <h1>{t('unsubscribe.title')}</h1>
      {done ? (
        <p role="status">{t('unsubscribe.done')}</p>
      ) : (
        <>
          <p>{t('unsubscribe.intro')}</p>
          <PostForm form={form}>
            <FormErrors form={form} />
            <SubmitButton>{t('unsubscribe.confirm')}</SubmitButton>
          </PostForm>
        </>
      )}
      <p>
        <Link to="/account/notifications">{t('unsubscribe.settings')}</Link>
      </p>
    </div>
  );
}
