import { Link } from '~/components/link';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { AuthorName, type Author } from '~/components/author-name';
import { Avatar } from '~/components/ui/avatar';
import { PostForm } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { RichText } from '~/modules/content/components/rich-text';
import type { DisplayDoc } from '~/modules/content/richtext';
import { PostTools } from '~/modules/moderation/components/moderator-tools';
import type { RoleBadge } from '~/modules/people/badges';
import { RoleBadges } from '~/modules/people/components/role-badges';
import { RequestBadges, type RequestBadge } from '~/modules/requests/forum-links/components/request-badges';
import { ReactFormSchema } from '../schemas';
import { REACTION_EMOJI, REACTIONS, type ReactionKind } from '../values';
import { RelativeTime } from '~/components/ui/relative-time';

export type PostData = {
  id: string;
  isOpening: boolean;
  body: DisplayDoc | null;
  status: string;
  editedAt: string | null;
  hiddenAt: string | null;
  hiddenReason: string | null;
  /** Hidden by moderation and shown to this reader only as a notice (a thread's opening post). */
  withheld?: boolean;
  createdAt: string;
  author: Author & { id: string; avatarId?: string | null };
  /** The author's role badges where the post was written (people/badges.server). */
  badges?: RoleBadge[];
  reactions: { kind: ReactionKind; count: number; mine: boolean }[];
  quote: { author: Author; excerpt: string } | null;
  can: {
    edit: boolean;
    delete: boolean;
    react: boolean;
    reply: boolean;
    flag: boolean;
    moderate: boolean;
    promote?: boolean;
    addPoll?: boolean;
  };
  /** The service requests this post (or its thread) is linked to. */
  requests?: RequestBadge[];
};

/** One post: author, time, "edited", held/hidden notices, body, quote, reactions and actions. */
/**
 * The fixed words of a post, translated once per language rather than for each of a page's 50
 * posts (i18next lookups were a tenth of a thread page's rendering time).
 */
const labelsByLanguage = new Map<string, Labels>();
function translateLabels(t: TFunction<'channels'>) {
  return {
    reactions: t('reactions.label'),
    kinds: Object.fromEntries(REACTIONS.map((kind) => [kind, t(`reactions.${kind}`)])) as Record<ReactionKind, string>,
    edited: t('post.edited'),
    held: t('post.held'),
    withheld: t('post.withheld'),
    quoting: t('post.quoting'),
    quote: t('post.quote'),
    flag: t('post.flag'),
    edit: t('post.edit'),
    delete: t('post.delete'),
    deleteThread: t('post.deleteThread'),
    yourPost: t('post.yourPost'),
    promote: t('post.promote'),
    addPoll: t('poll.add'),
  };
}

/** `children` follow the post's body (its poll). */
export function PostView({ post, back, children }: { post: PostData; back: string; children?: ReactNode }) {
  const { t, i18n } = useTranslation('channels');
  const lng = i18n.language;
  let labels = labelsByLanguage.get(lng);
  if (!labels) {
    labels = translateLabels(t);
    // Never keep the bare keys of a language whose strings are still loading (in the browser).
    if (i18n.hasLoadedNamespace('channels')) labelsByLanguage.set(lng, labels);
  }
  const headingId = `post-${post.id}-by`;
  // Those who may react see every button; others see only the reactions a post has.
  const shown = post.can.react ? post.reactions : post.reactions.filter((r) => r.count > 0);
  // What the viewer may do with the post, each link named with the post it acts on.
  const ofPost = t('post.ofPostBy', { name: post.author?.displayName ?? '' });
  const postLinks = [
    post.can.reply ? { to: `?quote=${post.id}#reply`, label: labels.quote, about: ofPost, stay: true } : null,
    post.can.flag ? { to: `/posts/${post.id}/flag`, label: labels.flag, about: ofPost } : null,
    post.can.promote ? { to: `/posts/${post.id}/promote`, label: labels.promote, about: ofPost } : null,
    post.can.addPoll ? { to: `/posts/${post.id}/poll`, label: labels.addPoll, about: ofPost } : null,
    post.can.edit ? { to: `/posts/${post.id}/edit`, label: labels.edit, about: labels.yourPost } : null,
    post.can.delete
      ? { to: `/posts/${post.id}/delete`, label: post.isOpening ? labels.deleteThread : labels.delete, about: labels.yourPost }
      : null,
  ].filter((link): link is { to: string; label: string; about: string; stay?: boolean } => link !== null);
  return (
    // Focusable by script only: a reply sent with JavaScript lands here (threads.$id.tsx).
    <article id={`post-${post.id}`} className={post.hiddenAt ? 'post post-hidden' : 'post'} aria-labelledby={headingId} tabIndex={-1}>
      <header className="post-header">
        <p id={headingId} className="post-author">
          <Avatar person={post.author} size="m" />
          <AuthorName author={post.author} />
          <RoleBadges badges={post.badges} />
        </p>
        <p className="muted post-time">
          <RelativeTime value={post.createdAt} />
          {post.editedAt ? <span> · {labels.edited}</span> : null}
        </p>
      </header>
      {post.status === 'pending' ? <p className="alert alert-info">{labels.held}</p> : null}
      {post.withheld ? (
        <p className="alert alert-error">{labels.withheld}</p>
      ) : post.hiddenAt ? (
        <p className="alert alert-error">{t('post.hiddenNotice', { reason: post.hiddenReason ?? '' })}</p>
      ) : null}
      {post.quote ? (
        <blockquote className="quote">
          <p className="muted">
            {labels.quoting} <AuthorName author={post.quote.author} />
          </p>
          <p>{post.quote.excerpt}</p>
        </blockquote>
      ) : null}
      {post.withheld ? null : (
        <div className="post-body">
          <RichText doc={post.body} />
        </div>
      )}
      {children}
      {post.requests?.length ? <RequestBadges badges={post.requests} /> : null}
      <footer className="post-footer">
        {shown.length && post.can.react ? (
          <ReactionsForm postId={post.id} shown={shown} labels={labels} />
        ) : shown.length ? (
          <ul className="reactions" aria-label={labels.reactions}>
            {shown.map((r) => (
              <li key={r.kind}>
                <span className="reaction">
                  <span aria-hidden="true">{REACTION_EMOJI[r.kind]}</span> {labels.kinds[r.kind]} <span className="count">{r.count}</span>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="actions post-actions">
          {postLinks.map((link) => (
            <Link key={link.to} to={link.to} preventScrollReset={link.stay}>
              {link.label}
              <span className="visually-hidden"> {link.about}</span>
            </Link>
          ))}
        </div>
      </footer>
      {post.can.moderate ? <PostTools post={post} back={back} /> : null}
    </article>
  );
}

type Labels = ReturnType<typeof translateLabels>;

/** One form per post: each reaction is a submit button naming its kind. */
function ReactionsForm({ postId, shown, labels }: { postId: string; shown: PostData['reactions']; labels: Labels }) {
  const [form, fields] = useSchemaForm(ReactFormSchema);
  return (
    <PostForm form={form} preventScrollReset>
      <input type="hidden" name={fields.intent.name} value="react" />
      <input type="hidden" name={fields.postId.name} value={postId} />
      <ul className="reactions" aria-label={labels.reactions}>
        {shown.map((r) => (
          <li key={r.kind}>
            <button type="submit" name={fields.kind.name} value={r.kind} className="reaction" aria-pressed={r.mine}>
              <span aria-hidden="true">{REACTION_EMOJI[r.kind]}</span> {labels.kinds[r.kind]} <span className="count">{r.count}</span>
            </button>
          </li>
        ))}
      </ul>
    </PostForm>
  );
}
