import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from '@remix-run/react';
import { Link } from '~/components/link';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { consume } from '~/lib/rate-limit.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { useRootData } from '~/lib/root-data';
import { readSubmissionWithFiles } from '~/lib/submission.server';
import { pictureUploadOptions, withFormPicture } from '~/modules/channels/post-pictures.server';
import { PictureField } from '~/modules/content/components/picture-field';
import { useSchemaForm } from '~/lib/use-schema-form';
import { loadThread, loadThreadToAct } from '~/modules/channels/guards.server';
import { markRead, reply, setFollow, toggleReaction } from '~/modules/channels/channels.server';
import { FollowForm } from '~/modules/channels/components/follow-form';
import { threadPageUrl } from '~/modules/channels/links';
import { LiveBanner } from '~/modules/channels/components/live-banner';
import { PostView } from '~/modules/channels/components/post-view';
import {
  canAddPoll,
  canDeletePost,
  canEditPost,
  canFlag,
  canReact,
  canReply,
  canSeePostById,
  isPublicPost,
  type PostRef,
} from '~/modules/channels/policy';
import { isPollReply, pollReplyFor, PollView } from '~/modules/channels/polls/components/poll-view';
import { closePoll, vote } from '~/modules/channels/polls/polls.server';
import { pollForReader, pollsOfPosts } from '~/modules/channels/polls/queries.server';
import { getFollow, getPost, listPosts, openingPost, pageCursorOf, quotedExcerpts } from '~/modules/channels/queries.server';
import { ThreadActionsSchema, ThreadPageSchema } from '~/modules/channels/schemas';
import { bodyOf } from '~/modules/content/body.server';
import { plainTextMentions } from '~/modules/channels/plain-mentions.server';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';
import { ThreadTools } from '~/modules/moderation/components/moderator-tools';
import { moderateThread } from '~/modules/moderation/moderation.server';
import { channelsForFilter, moderatedChannelIds } from '~/modules/moderation/queries.server';
import { authorBadges } from '~/modules/people/badges.server';
import { getCity } from '~/modules/places/queries.server';
import { latestEventId } from '~/modules/realtime/publish.server';
import { roomOf } from '~/modules/realtime/names';
import { requestBadges } from '~/modules/requests/forum-links/forum-badges.server';
import { canPromotePost } from '~/modules/requests/policy';
import { ThreadBadges } from '~/modules/channels/components/thread-badges';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'channels:thread.title', { title: data?.thread.title ?? '' });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { caller, user, thread, channel, member, moderator } = await loadThread(request, context, params.id ?? '');
  const url = new URL(request.url);
  // Older links (?from=<id>, from before replies landed here) go to the page holding that post.
  const from = url.searchParams.get('from');
  if (from) throw redirect(threadPageUrl(thread.id, await pageCursorOf(thread.id, from, { viewer: user, moderator }), from));
  const moveTargets = moderator && user ? await channelsForFilter(await moderatedChannelIds(user)) : [];
  // ?after=<id> continues after a post (a later page, which shows the opening post first).
  const cursor = url.searchParams.get('after');
  const after = cursor && cursor.length <= 40 ? cursor : undefined;
  // Read before the page's data: an event committed in between is then replayed, not lost.
  const since = await latestEventId();
  const [page, opening, follow] = await Promise.all([
    listPosts(thread.id, { viewer: user, moderator, after }),
    after ? openingPost(thread.id, { viewer: user, moderator }) : null,
    getFollow(user?.id, 'thread', thread.id),
  ]);
  const listed = opening ? [opening, ...page.posts] : page.posts;
  const [quotes, badges, city, polls, roles] = await Promise.all([
    quotedExcerpts([...new Set(listed.map((p) => p.quotedPostId).filter((id): id is string => !!id))]),
    requestBadges(thread.id, listed, user),
    user ? getCity() : null,
    pollsOfPosts(
      listed.filter((p) => !p.withheld).map((p) => p.id),
      user?.id,
    ),
    authorBadges(
      listed.map((p) => p.authorId),
      channel,
    ),
  ]);
  // Visible posts of a visible thread may become (or be linked to) service requests.
  const mayPromote = !!user && !!city && canPromotePost(user, channel, city.moderatorsMayPromote) && !thread.hiddenAt && !thread.deletedAt;
  await markRead(caller, thread, new Date());
  const now = new Date();
  /** A post's poll as this reader is shown it (what they may do, the figures if they may see them). */
  const pollOf = (post: PostRef & { id: string }) => {
    const row = polls.get(post.id);
    return row ? pollForReader(row, user, { channel, member, post, thread }, now) : null;
  };
  const quoteId = url.searchParams.get('quote');
  const quoting = quoteId ? (listed.find((p) => p.id === quoteId && !p.withheld) ?? null) : null;
  /**
   * A post as the page shows it, with what this reader may do with it (nothing, if withheld).
   * Fields are named, not copied with a rest/spread: this runs for every post of every page view,
   * and V8 copies an object literal of known shape several times faster (decision 0031).
   */
  const toView = (p: (typeof listed)[number]) => {
    const ref = { id: p.id, authorId: p.authorId, hiddenAt: p.hiddenAt, deletedAt: null, status: p.status };
    return {
      id: p.id,
      isOpening: p.isOpening,
      body: p.body,
      status: p.status,
      editedAt: p.editedAt,
      hiddenAt: p.hiddenAt,
      hiddenReason: p.hiddenReason,
      createdAt: p.createdAt,
      author: p.author,
      withheld: p.withheld,
      reactions: p.reactions,
      quote: p.quotedPostId ? (quotes[p.quotedPostId] ?? null) : null,
      requests: badges[p.id] ?? [],
      badges: roles[p.authorId] ?? [],
      poll: pollOf(ref),
      can: {
        edit: canEditPost(user, channel, member, ref, thread),
        delete: canDeletePost(user, channel, member, ref),
        react: canReact(user, channel, member, ref, thread),
        reply: canReply(user, channel, member, thread) && isPublicPost(p),
        flag: !p.withheld && canFlag(user, ref),
        moderate: moderator,
        promote: mayPromote && isPublicPost(p),
        addPoll: !polls.has(p.id) && canAddPoll(user, channel, member, ref, thread),
      },
    };
  };
  return json({
    thread: {
      id: thread.id,
      title: thread.title,
      pinned: thread.pinned,
      locked: thread.locked,
      hiddenAt: thread.hiddenAt,
      replyCount: thread.replyCount,
      channelId: channel.id,
    },
    moderator,
    moveTargets: moveTargets.map((c) => ({ id: c.id, name: c.name })),
    channel: { id: channel.id, slug: channel.slug, name: channel.name },
    opening: opening && toView(opening),
    posts: page.posts.map(toView),
    nextAfter: page.nextAfter,
    after: after ?? null,
    follow,
    since,
    signedIn: !!user,
    canReply: canReply(user, channel, member, thread),
    quoting: quoting && { id: quoting.id, author: quoting.author },
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, user, thread, channel, member, moderator } = await loadThreadToAct(request, context, params.id ?? '');
  const { submission, files } = await readSubmissionWithFiles(request, ThreadPageSchema, pictureUploadOptions);
  if (submission.status !== 'success') return replyForm(submission);
  const input = submission.value;
  const back = `/threads/${thread.id}`;
  /** Where the caller lands after acting on a post: the page holding it, scrolled to it. */
  const landOn = async (postId: string) =>
    threadPageUrl(thread.id, await pageCursorOf(thread.id, postId, { viewer: user, moderator }), postId);

  if (input.intent === 'follow') {
    const result = await setFollow(caller, 'thread', thread.id, input.level);
    if (!result.ok) return respondToForm(submission, result);
    return redirectWithFlash(back, { kind: 'success', key: `channels:follow.saved.${input.level}` }, { status: 303 });
  }

  if (input.intent === 'moderate') {
    const result = await moderateThread(caller, { ...input, threadId: thread.id });
    if (!result.ok) return respondToForm(submission, result);
    return redirectWithFlash(back, { kind: 'success', key: `moderation:done.${input.action}` }, { status: 303 });
  }

  // A post of this thread the caller may see (reactions and polls act on one), else 404.
  const postOfThread = async (postId: string) => {
    const post = await getPost(postId);
    if (!post || post.threadId !== thread.id || !canSeePostById(user, channel, true, post, post.thread)) throw refuse(fail.notFound());
    return { ...post, thread: { ...post.thread, channel } };
  };

  if (input.intent === 'vote' || input.intent === 'closePoll') {
    if (input.intent === 'vote') await consume('voteAccount', user.id);
    const post = await postOfThread(input.postId);
    const result = input.intent === 'vote' ? await vote(caller, member, post, input.choices) : await closePoll(caller, member, post);
    if (!result.ok) return respondToForm(submission, result);
    return redirect(await landOn(post.id), 303);
  }

  if (input.intent === 'react') {
    await consume('reactAccount', user.id);
    const post = await postOfThread(input.postId);
    const result = await toggleReaction(caller, member, post, input.kind);
    if (!result.ok) throw refuse(result);
    return redirect(await landOn(post.id), 303);
  }

  const text = bodyOf(input, await plainTextMentions(user, channel, input));
  if (!text.ok) return replyForm(submission, text);
  const body = await withFormPicture(caller, channel, member, files[0], input.pictureAlt, text.value);
  if (!body.ok) return respondToForm(submission, body);
  const result = await reply(caller, channel, member, thread, { ...body.value, quotedPostId: input.quotedPostId });
  if (!result.ok) return respondToForm(submission, result);
  if (result.value.held) return redirectWithFlash(back, { kind: 'info', key: 'channels:held' }, { status: 303 });
  return redirectWithFlash(await landOn(result.value.postId), { kind: 'success', key: 'channels:replied' }, { status: 303 });
}

export default function ThreadPage() {
  const { t, i18n } = useTranslation('channels');
  const { city } = useRootData();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const actionData = useActionData<typeof action>();
  // A poll's form shows its own errors; the reply form the rest.
  const [form, fields] = useSchemaForm(ThreadActionsSchema, {
    lastResult: isPollReply(actionData) ? undefined : actionData,
    id: 'reply-form',
  });
  const kept = fields.quotedPostId.initialValue;
  const quotedPostId = (typeof kept === 'string' && kept) || data.quoting?.id || params.get('quote') || '';
  useFocusOnReply();
  const renderPost = (post: (typeof data.posts)[number]) => (
    <PostView post={post as never} back={threadPageUrl(data.thread.id, data.after, post.id)}>
      {post.poll ? (
        <PollView
          poll={post.poll}
          postId={post.id}
          threadId={data.thread.id}
          since={data.since}
          timeZone={city.timeZone}
          lastResult={pollReplyFor(actionData, post.id)}
        />
      ) : null}
    </PostView>
  );
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/channels/${data.channel.slug}`}>{localized(data.channel.name, i18n.language).text}</Link>
      </p>
      <h1>{data.thread.title}</h1>
      <p className="thread-meta">
        <ThreadBadges thread={data.thread} />
      </p>
      {data.signedIn ? <FollowForm level={data.follow} /> : null}
      {data.moderator ? (
        <ThreadTools
          thread={data.thread}
          channels={data.moveTargets.map((c) => ({ id: c.id, name: localized(c.name, i18n.language).text }))}
        />
      ) : null}
      <LiveBanner
        rooms={[roomOf('thread', data.thread.id)]}
        since={data.since}
        countTypes={['post.created']}
        inPlaceTypes={['poll.changed']}
        messageKey="thread.newReplies"
      />
      {data.after ? (
        <>
          {/* A later page keeps the opening post on top (as Discourse does), then says where it is. */}
          {data.opening ? <div className="posts">{renderPost(data.opening)}</div> : null}
          <p className="alert alert-info">
            {t('thread.laterPage')} <Link to={threadPageUrl(data.thread.id)}>{t('thread.first')}</Link>
          </p>
        </>
      ) : null}
      <ol className="posts">
        {data.posts.map((post) => (
          <li key={post.id}>{renderPost(post)}</li>
        ))}
      </ol>
      {data.nextAfter ? (
        <p>
          <Link to={`/threads/${data.thread.id}?after=${data.nextAfter}`}>{t('thread.more')}</Link>
        </p>
      ) : null}
      <section id="reply" aria-labelledby="reply-heading" tabIndex={-1}>
        <h2 id="reply-heading">{t('thread.reply')}</h2>
        {data.canReply ? (
          <PostForm form={form} encType="multipart/form-data">
            <input type="hidden" name="intent" value="reply" />
            <FormErrors form={form} />
            {quotedPostId && data.quoting ? (
              <p className="muted">
                {t('thread.replyingTo', { name: data.quoting.author?.displayName ?? '' })}{' '}
                <Link to={`/threads/${data.thread.id}#reply`}>{t('thread.cancelQuote')}</Link>
              </p>
            ) : null}
            <input type="hidden" name={fields.quotedPostId.name} value={quotedPostId} />
            <RichTextEditor
              label={t('thread.yourReply')}
              hint={t('editor.hint')}
              field={fields.body}
              textField={fields.bodyText}
              mentionChannelId={data.channel.id}
            />
            <PictureField file={fields.picture} alt={fields.pictureAlt} />
            <SubmitButton>{t('thread.send')}</SubmitButton>
          </PostForm>
        ) : data.signedIn ? (
          <p className="muted">{data.thread.locked ? t('thread.lockedNotice') : t('channel.cannotPost')}</p>
        ) : (
          <p>
            <Link to={`/signin?redirectTo=/threads/${data.thread.id}`}>{t('thread.signInToReply')}</Link>
          </p>
        )}
      </section>
    </div>
  );
}

/**
 * After a reply sent with JavaScript, the page lands on the new post (the redirect's #post-<id>,
 * which the router scrolls to): focus goes to it, so keyboard and screen-reader users continue
 * from their post, which is named as it is focused. Other forms (reactions) keep their focus.
 */
function useFocusOnReply() {
  const navigation = useNavigation();
  const location = useLocation();
  // The location the reply was sent from: a refused reply stays there (its form shows why).
  const sentFrom = useRef<string | null>(null);
  if (navigation.formData?.get('intent') === 'reply') sentFrom.current = location.key;
  useEffect(() => {
    if (sentFrom.current === null || navigation.state !== 'idle') return;
    const landed = sentFrom.current !== location.key;
    sentFrom.current = null;
    if (landed && location.hash.startsWith('#post-')) document.getElementById(location.hash.slice(1))?.focus();
  }, [location, navigation.state]);
}
