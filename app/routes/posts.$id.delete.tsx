import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { PostForm } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { refuse } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { loadPostToDelete } from '~/modules/channels/guards.server';
import { deletePost } from '~/modules/channels/channels.server';
import { ConfirmSchema } from '~/modules/channels/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:delete.title');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { post } = await loadPostToDelete(request, context, params.id ?? '');
  return json({
    post: { id: post.id, isOpening: post.isOpening, threadId: post.threadId, title: post.thread.title, excerpt: post.text.slice(0, 300) },
  });
}

/** Deleting asks first (a page, so it works without JavaScript and survives a mis-tap). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, post, member, channel } = await loadPostToDelete(request, context, params.id ?? '');
  await readSubmission(request, ConfirmSchema);
  const result = await deletePost(caller, member, post);
  if (!result.ok) throw refuse(result);
  return result.value.threadDeleted
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
