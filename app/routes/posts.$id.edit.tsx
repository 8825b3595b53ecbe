import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { loadPostToEdit } from '~/modules/channels/guards.server';
import { editPost } from '~/modules/channels/channels.server';
import { editPostSchema } from '~/modules/channels/schemas';
import { bodyOf } from '~/modules/content/body.server';
import { plainTextMentions } from '~/modules/channels/plain-mentions.server';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:edit.title');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { post, channel } = await loadPostToEdit(request, context, params.id ?? '');
  return json({
    post: {
      id: post.id,
      body: post.body,
      isOpening: post.isOpening,
      threadId: post.threadId,
      title: post.thread.title,
      channelId: channel.id,
    },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, user, channel, post, member } = await loadPostToEdit(request, context, params.id ?? '');
  const submission = await readSubmission(request, editPostSchema(post.isOpening));
  if (submission.status !== 'success') return replyForm(submission);
  const body = bodyOf(submission.value, await plainTextMentions(user, channel, submission.value));
  if (!body.ok) return replyForm(submission, body);
  const result = await editPost(caller, member, post, { ...body.value, title: submission.value.title });
  if (!result.ok) return respondToForm(submission, result);
  return redirect(`/threads/${post.threadId}?from=${post.id}#post-${post.id}`, 303);
}

export default function EditPost() {
  const { t } = useTranslation('channels');
  const { post } = useLoaderData<typeof loader>();
  // A reply's form has no title; the schema is the one the server checks against.
  const [form, fields] = useSchemaForm(editPostSchema(post.isOpening), {
    lastResult: useActionData<typeof action>(),
    defaultValue: post.isOpening ? { title: post.title } : {},
  });
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/threads/${post.threadId}`}>{post.title}</Link>
      </p>
      <h1>{t('edit.title')}</h1>
      <p className="muted">{t('edit.note')}</p>
      <PostForm form={form}>
        <FormErrors form={form} />
        {post.isOpening ? <TextField label={t('newThread.subject')} field={fields.title} maxLength={150} /> : null}
        <RichTextEditor
          label={t('edit.body')}
          hint={t('editor.hint')}
          field={fields.body}
          textField={fields.bodyText}
          initialDoc={post.body as never}
          mentionChannelId={post.channelId}
        />
        <div className="actions">
          <SubmitButton>{t('edit.save')}</SubmitButton>
          <Link to={`/threads/${post.threadId}`}>{t('edit.cancel')}</Link>
        </div>
      </PostForm>
    </div>
  );
}
