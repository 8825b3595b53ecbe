import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formError, parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { loadChannel } from '~/modules/channels/access.server';
import { startThread } from '~/modules/channels/channels.server';
import { limitPosting } from '~/modules/channels/limits.server';
import { canStartThread } from '~/modules/channels/policy';
import { NewThreadSchema } from '~/modules/channels/schemas';
import { readBody } from '~/modules/content/body.server';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';
import { keptDoc } from '~/modules/content/richtext';
import { requireUser } from '~/modules/identity/session.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:newThread.title');

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const { user, channel, member } = await loadChannel(request, params.slug ?? '');
  if (!canStartThread(user, channel, member)) throw json({ error: 'forbidden' }, { status: 403 });
  return json({ channel: { id: channel.id, slug: channel.slug, name: channel.name } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { channel, member } = await loadChannel(request, params.slug ?? '');
  const formData = await readForm(request);
  const form = parseForm(NewThreadSchema, formData);
  const body = readBody(formData);
  if (!form.ok || !body.ok) {
    const values = { title: String(formData.get('title') ?? ''), bodyText: String(formData.get('bodyText') ?? ''), body: String(formData.get('body') ?? '') };
    const errors = { ...(form.ok ? {} : form.errors), ...(body.ok ? {} : { body: [body.error] }) };
    return invalid({ ok: false, errors, values });
  }
  const result = await limitPosting(user, requestContext(context).clientIp, () => startThread(user, channel, member, { title: form.data.title, doc: body.doc, text: body.text }));
  if (!result.ok) return invalid(formError('form', 'channels:errors.cannotPost'));
  if (result.held) return redirectWithFlash(`/channels/${channel.slug}`, { kind: 'info', key: 'channels:held' }, { status: 303 });
  return redirect(`/threads/${result.threadId}`, 303);
}

export default function NewThread() {
  const { t, i18n } = useTranslation('channels');
  const { channel } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const values = result?.values ?? {};
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/channels/${channel.slug}`}>{localized(channel.name, i18n.language).text}</Link>
      </p>
      <h1>{t('newThread.title')}</h1>
      <PostForm noValidate>
        <FormErrors errors={errors} />
        <TextField label={t('newThread.subject')} name="title" required maxLength={150} defaultValue={values.title} errors={errors} />
        <RichTextEditor label={t('newThread.body')} hint={t('editor.hint')} name="body" errors={errors} initialText={values.bodyText || undefined} initialDoc={keptDoc(values.body)} mentionChannelId={channel.id} />
        <SubmitButton>{t('newThread.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
