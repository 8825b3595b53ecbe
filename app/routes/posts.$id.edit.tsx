import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/forms';
import { formError, parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { readForm } from '~/lib/security.server';
import { editPost } from '~/modules/channels/channels.server';
import { canEditPost } from '~/modules/channels/policy';
import { loadPost } from '~/modules/channels/post-access.server';
import { NewThreadSchema } from '~/modules/channels/schemas';
import { readBody } from '~/modules/content/body.server';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';
import { keptDoc } from '~/modules/content/richtext';
import { requireUser } from '~/modules/identity/session.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:edit.title');

async function load(request: Request, id: string) {
  const user = await requireUser(request);
  const loaded = await loadPost(request, id);
  if (!canEditPost(user, loaded.channel, loaded.member, loaded.post, loaded.post.thread)) throw json({ error: 'forbidden' }, { status: 403 });
  return { ...loaded, user };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post, channel } = await load(request, params.id ?? '');
  return json({ post: { id: post.id, body: post.body, isOpening: post.isOpening, threadId: post.threadId, title: post.thread.title, channelId: channel.id } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, post, member } = await load(request, params.id ?? '');
  const formData = await readForm(request);
  const body = readBody(formData);
  const title = post.isOpening ? parseForm(NewThreadSchema, formData) : null;
  if (!body.ok || (title && !title.ok)) {
    const values = { title: String(formData.get('title') ?? ''), bodyText: String(formData.get('bodyText') ?? ''), body: String(formData.get('body') ?? '') };
    return invalid({ ok: false, errors: { ...(title && !title.ok ? title.errors : {}), ...(body.ok ? {} : { body: [body.error] }) }, values });
  }
  const result = await editPost(user, member, post, { doc: body.doc, text: body.text, title: title?.ok ? title.data.title : undefined });
  if (!result.ok) return invalid(formError('form', 'channels:errors.cannotEdit'));
  return redirect(`/threads/${post.threadId}?from=${post.id}#post-${post.id}`, 303);
}

export default function EditPost() {
  const { t } = useTranslation('channels');
  const { post } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const values = (result?.values ?? {}) as Record<string, string>;
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/threads/${post.threadId}`}>{post.title}</Link>
      </p>
      <h1>{t('edit.title')}</h1>
      <p className="muted">{t('edit.note')}</p>
      <PostForm noValidate>
        <FormErrors errors={errors} />
        {post.isOpening ? <TextField label={t('newThread.subject')} name="title" required maxLength={150} defaultValue={values.title ?? post.title} errors={errors} /> : null}
        <RichTextEditor label={t('edit.body')} hint={t('editor.hint')} name="body" errors={errors} initialText={values.bodyText || undefined} initialDoc={keptDoc(values.body) ?? (post.body as never)} mentionChannelId={post.channelId} />
        <div className="actions">
          <SubmitButton>{t('edit.save')}</SubmitButton>
          <Link to={`/threads/${post.threadId}`}>{t('edit.cancel')}</Link>
        </div>
      </PostForm>
    </div>
  );
}
