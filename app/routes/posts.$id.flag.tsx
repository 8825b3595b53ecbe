import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextArea } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formError, parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { consume } from '~/lib/rate-limit.server';
import { readForm } from '~/lib/security.server';
import { loadPost } from '~/modules/channels/post-access.server';
import { isMember } from '~/modules/channels/queries.server';
import { requireUser } from '~/modules/identity/session.server';
import { flagPost } from '~/modules/moderation/moderation.server';
import { FLAG_REASONS, FlagSchema } from '~/modules/moderation/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'moderation:flag.title');

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const { post } = await loadPost(request, params.id ?? '');
  return json({ post: { id: post.id, threadId: post.threadId, title: post.thread.title, excerpt: post.text.slice(0, 300) } });
}

/** Anyone signed in may flag a post once, with a reason; moderators see it in their queue. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { post } = await loadPost(request, params.id ?? '');
  const form = parseForm(FlagSchema, await readForm(request));
  if (!form.ok) return invalid(form);
  await consume('flagAccount', user.id);
  const result = await flagPost(user, post.id, (channelId) => isMember(user.id, channelId), form.data);
  if (!result.ok && result.reason === 'duplicate') return invalid(formError('form', 'moderation:flag.already', form.data as Record<string, string>));
  if (!result.ok) throw json({ error: result.reason }, { status: result.reason === 'notFound' ? 404 : 403 });
  return redirectWithFlash(`/threads/${post.threadId}`, { kind: 'success', key: 'moderation:flag.thanks' }, { status: 303 });
}

export default function FlagPost() {
  const { t } = useTranslation('moderation');
  const { post } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const chosen = result?.values?.reason;
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/threads/${post.threadId}`}>{post.title}</Link>
      </p>
      <h1>{t('flag.title')}</h1>
      <blockquote className="quote">
        <p>{post.excerpt}</p>
      </blockquote>
      <PostForm noValidate>
        <FormErrors errors={errors} />
        <fieldset className="field">
          <legend>{t('flag.reason')}</legend>
          {FLAG_REASONS.map((reason) => (
            <div key={reason} className="field-checkbox">
              <input type="radio" id={`reason-${reason}`} name="reason" value={reason} defaultChecked={chosen === reason} required />
              <label htmlFor={`reason-${reason}`}>{t(`reasons.${reason}`)}</label>
            </div>
          ))}
          {errors?.reason ? <p className="field-error">{t('flag.chooseReason')}</p> : null}
        </fieldset>
        <TextArea label={t('flag.note')} hint={t('flag.noteHint')} name="note" maxLength={500} defaultValue={result?.values?.note} errors={errors} />
        <SubmitButton>{t('flag.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
