import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PostForm } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { readForm } from '~/lib/security.server';
import { deletePost } from '~/modules/channels/channels.server';
import { canDeletePost } from '~/modules/channels/policy';
import { loadPost } from '~/modules/channels/post-access.server';
import { requireUser } from '~/modules/identity/session.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:delete.title');

async function load(request: Request, id: string) {
  const user = await requireUser(request);
  const loaded = await loadPost(request, id);
  if (!canDeletePost(user, loaded.channel, loaded.member, loaded.post)) throw json({ error: 'forbidden' }, { status: 403 });
  return { ...loaded, user };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post } = await load(request, params.id ?? '');
  return json({ post: { id: post.id, isOpening: post.isOpening, threadId: post.threadId, title: post.thread.title, excerpt: post.text.slice(0, 300) } });
}

/** Deleting asks first (a page, so it works without JavaScript and survives a mis-tap). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, post, member, channel } = await load(request, params.id ?? '');
  await readForm(request);
  const result = await deletePost(user, member, post);
  if (!result.ok) throw json({ error: 'forbidden' }, { status: 403 });
  return result.threadDeleted
    ? redirectWithFlash(`/channels/${channel.slug}`, { kind: 'success', key: 'channels:delete.threadDone' }, { status: 303 })
    : redirectWithFlash(`/threads/${post.threadId}`, { kind: 'success', key: 'channels:delete.done' }, { status: 303 });
}

export default function DeletePost() {
  const { t } = useTranslation('channels');
  const { post } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{post.isOpening ? t('delete.threadTitle') : t('delete.title')}</h1>
      <p>{post.isOpening ? t('delete.threadWarning', { title: post.title }) : t('delete.warning')}</p>
      <blockquote className="quote">
        <p>{post.excerpt}</p>
      </blockquote>
      <PostForm className="actions">
        <button type="submit" className="button button-danger">
          {post.isOpening ? t('delete.confirmThread') : t('delete.confirm')}
        </button>
        <Link to={`/threads/${post.threadId}`}>{t('edit.cancel')}</Link>
      </PostForm>
    </div>
  );
}
