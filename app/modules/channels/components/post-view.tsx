import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthorName, type Author } from '~/components/author-name';
import { PostForm } from '~/components/forms';
import { formatDateTime } from '~/lib/format';
import { RichText } from '~/modules/content/components/rich-text';
import type { DisplayDoc } from '~/modules/content/richtext';
import { PostTools } from '~/modules/moderation/components/moderator-tools';
import { REACTION_EMOJI, type ReactionKind } from '../reactions';

export type PostData = {
  id: string;
  isOpening: boolean;
  body: DisplayDoc | null;
  status: string;
  editedAt: string | null;
  hiddenAt: string | null;
  hiddenReason: string | null;
  createdAt: string;
  author: Author & { id: string };
  reactions: { kind: ReactionKind; count: number; mine: boolean }[];
  quote: { author: Author; excerpt: string } | null;
  can: { edit: boolean; delete: boolean; react: boolean; reply: boolean; flag: boolean; moderate: boolean };
};

/** One post: author, time, "edited", held/hidden notices, body, quote, reactions and actions. */
export function PostView({ post, timeZone, back }: { post: PostData; timeZone: string; back: string }) {
  const { t, i18n } = useTranslation('channels');
  const lng = i18n.language;
  const headingId = `post-${post.id}-by`;
  // Those who may react see every button; others see only the reactions a post has.
  const shown = post.can.react ? post.reactions : post.reactions.filter((r) => r.count > 0);
  return (
    <article id={`post-${post.id}`} className={post.hiddenAt ? 'post post-hidden' : 'post'} aria-labelledby={headingId}>
      <header className="post-header">
        <p id={headingId} className="post-author">
          <AuthorName author={post.author} />
        </p>
        <p className="muted post-time">
          <time dateTime={post.createdAt}>{formatDateTime(post.createdAt, lng, timeZone, 'short')}</time>
          {post.editedAt ? <span> · {t('post.edited')}</span> : null}
        </p>
      </header>
      {post.status === 'pending' ? <p className="alert alert-info">{t('post.held')}</p> : null}
      {post.hiddenAt ? <p className="alert alert-error">{t('post.hiddenNotice', { reason: post.hiddenReason ?? '' })}</p> : null}
      {post.quote ? (
        <blockquote className="quote">
          <p className="muted">
            {t('post.quoting')} <AuthorName author={post.quote.author} />
          </p>
          <p>{post.quote.excerpt}</p>
        </blockquote>
      ) : null}
      <div className="post-body">
        <RichText doc={post.body} />
      </div>
      <footer className="post-footer">
        {shown.length && post.can.react ? (
          // One form per post: each reaction is a submit button naming its kind.
          <PostForm preventScrollReset>
            <input type="hidden" name="intent" value="react" />
            <input type="hidden" name="postId" value={post.id} />
            <ul className="reactions" aria-label={t('reactions.label')}>
              {shown.map((r) => (
                <li key={r.kind}>
                  <button type="submit" name="kind" value={r.kind} className="reaction" aria-pressed={r.mine}>
                    <span aria-hidden="true">{REACTION_EMOJI[r.kind]}</span> {t(`reactions.${r.kind}`)} <span className="count">{r.count}</span>
                  </button>
                </li>
              ))}
            </ul>
          </PostForm>
        ) : shown.length ? (
          <ul className="reactions" aria-label={t('reactions.label')}>
            {shown.map((r) => (
              <li key={r.kind}>
                <span className="reaction">
                  <span aria-hidden="true">{REACTION_EMOJI[r.kind]}</span> {t(`reactions.${r.kind}`)} <span className="count">{r.count}</span>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="actions post-actions">
          {post.can.reply ? (
            <Link to={`?quote=${post.id}#reply`} preventScrollReset>
              {t('post.quote')}
              <span className="visually-hidden"> {t('post.ofPostBy', { name: post.author?.displayName ?? '' })}</span>
            </Link>
          ) : null}
          {post.can.flag ? (
            <Link to={`/posts/${post.id}/flag`}>
              {t('post.flag')}
              <span className="visually-hidden"> {t('post.ofPostBy', { name: post.author?.displayName ?? '' })}</span>
            </Link>
          ) : null}
          {post.can.edit ? (
            <Link to={`/posts/${post.id}/edit`}>
              {t('post.edit')}
              <span className="visually-hidden"> {t('post.yourPost')}</span>
            </Link>
          ) : null}
          {post.can.delete ? (
            <Link to={`/posts/${post.id}/delete`}>
              {post.isOpening ? t('post.deleteThread') : t('post.delete')}
              <span className="visually-hidden"> {t('post.yourPost')}</span>
            </Link>
          ) : null}
        </div>
      </footer>
      {post.can.moderate ? <PostTools post={post} back={back} /> : null}
    </article>
  );
}
