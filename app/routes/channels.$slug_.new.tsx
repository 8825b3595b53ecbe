import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmissionWithFiles } from '~/lib/submission.server';
import { pictureUploadOptions, withFormPicture } from '~/modules/channels/post-pictures.server';
import { PictureField } from '~/modules/content/components/picture-field';
import { useSchemaForm } from '~/lib/use-schema-form';
import { loadChannelToPost } from '~/modules/channels/guards.server';
import { startThread } from '~/modules/channels/channels.server';
import { NewThreadSchema } from '~/modules/channels/schemas';
import { bodyOf } from '~/modules/content/body.server';
import { plainTextMentions } from '~/modules/channels/plain-mentions.server';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:newThread.title');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { channel } = await loadChannelToPost(request, context, params.slug ?? '');
  return json({ channel: { id: channel.id, slug: channel.slug, name: channel.name } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, user, channel, member } = await loadChannelToPost(request, context, params.slug ?? '');
  const { submission, files } = await readSubmissionWithFiles(request, NewThreadSchema, pictureUploadOptions);
  if (submission.status !== 'success') return replyForm(submission);
  const text = bodyOf(submission.value, await plainTextMentions(user, channel, submission.value));
  if (!text.ok) return replyForm(submission, text);
  const body = await withFormPicture(caller, channel, member, files[0], submission.value.pictureAlt, text.value);
  if (!body.ok) return respondToForm(submission, body);
  const result = await startThread(caller, channel, member, { title: submission.value.title, ...body.value });
  if (!result.ok) return respondToForm(submission, result);
  if (result.value.held) return redirectWithFlash(`/channels/${channel.slug}`, { kind: 'info', key: 'channels:held' }, { status: 303 });
  return redirect(`/threads/${result.value.threadId}`, 303);
}

export default function NewThread() {
  const { t, i18n } = useTranslation('channels');
  const { channel } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(NewThreadSchema, { lastResult: useActionData<typeof action>() });
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/channels/${channel.slug}`}>{localized(channel.name, i18n.language).text}</Link>
      </p>
      <h1>{t('newThread.title')}</h1>
      <PostForm form={form} encType="multipart/form-data">
        <FormErrors form={form} />
        <TextField label={t('newThread.subject')} field={fields.title} maxLength={150} />
        <RichTextEditor
          label={t('newThread.body')}
          hint={t('editor.hint')}
          field={fields.body}
          textField={fields.bodyText}
          mentionChannelId={channel.id}
        />
        <PictureField file={fields.picture} alt={fields.pictureAlt} />
        <SubmitButton>{t('newThread.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
