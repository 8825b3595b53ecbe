import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { ErrorText, FormErrors, PostForm, SubmitButton, TextArea } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { consume } from '~/lib/rate-limit.server';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { loadPostToAct } from '~/modules/channels/guards.server';
import { flagPost } from '~/modules/moderation/moderation.server';
import { FlagSchema } from '~/modules/moderation/schemas';
import { FLAG_REASONS } from '~/modules/moderation/values';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'moderation:flag.title');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { post } = await loadPostToAct(request, context, params.id ?? '');
  return json({ post: { id: post.id, threadId: post.threadId, title: post.thread.title, excerpt: post.text.slice(0, 300) } });
}

/** Anyone signed in may flag a post once, with a reason; moderators see it in their queue. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, user, post } = await loadPostToAct(request, context, params.id ?? '');
  const submission = await readSubmission(request, FlagSchema);
  if (submission.status !== 'success') return replyForm(submission);
  await consume('flagAccount', user.id);
  const result = await flagPost(caller, post.id, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(`/threads/${post.threadId}`, { kind: 'success', key: 'moderation:flag.thanks' }, { status: 303 });
}

export default function FlagPost() {
  const { t } = useTranslation('moderation');
  const { post } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(FlagSchema, { lastResult: useActionData<typeof action>() });
  const reason = fields.reason;
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/threads/${post.threadId}`}>{post.title}</Link>
      </p>
      <h1>{t('flag.title')}</h1>
      <blockquote className="quote">
        <p>{post.excerpt}</p>
      </blockquote>
      <PostForm form={form}>
        <FormErrors form={form} />
        <fieldset className="field" id={reason.id} aria-describedby={reason.errors?.length ? reason.errorId : undefined}>
          <legend>{t('flag.reason')}</legend>
          {FLAG_REASONS.map((value) => (
            <div key={value} className="field-checkbox">
              <input
                type="radio"
                id={`reason-${value}`}
                name={reason.name}
                value={value}
                defaultChecked={reason.initialValue === value}
                required
              />
              <label htmlFor={`reason-${value}`}>{t(`reasons.${value}`)}</label>
            </div>
          ))}
          {reason.errors?.length ? <ErrorText messages={['moderation:flag.chooseReason']} id={reason.errorId} /> : null}
        </fieldset>
        <TextArea label={t('flag.note')} hint={t('flag.noteHint')} field={fields.note} maxLength={500} />
        <SubmitButton>{t('flag.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
