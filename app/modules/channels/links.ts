/**
 * A thread's page: the first, or the later one continuing after the post `after` (listPosts'
 * keyset cursor), scrolled to `postId` when given. Server redirects and page links share it.
 */
export function threadPageUrl(threadId: string, after?: string | null, postId?: string): string {
  return `/threads/${threadId}${after ? `?after=${encodeURIComponent(after)}` : ''}${postId ? `#post-${postId}` : ''}`;
}
