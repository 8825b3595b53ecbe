import { describe, expect, it } from 'vitest';
import { canSeePostById, isPublicPost, publicPostsSql, visiblePostsWhere, visibleThreadsWhere } from '~/modules/channels/policy';
import { parseRoom, roomOf } from '~/modules/realtime/names';

const channel = { id: 'c1', visibility: 'public' };
const thread = { authorId: 'a', locked: false, hiddenAt: null, deletedAt: null };
const reader = { id: 'r', status: 'active', grants: [] };
const author = { id: 'a', status: 'active', grants: [] };
const moderator = { id: 'm', status: 'active', grants: [{ role: 'moderator', scopeKind: 'channel', scopeId: 'c1' }] };
const post = (state: Partial<{ status: string; hiddenAt: Date | null; deletedAt: Date | null }> = {}) => ({
  authorId: 'a',
  status: 'published',
  hiddenAt: null,
  deletedAt: null,
  ...state,
});

describe('the one visible-posts rule', () => {
  it('shows published posts of shown threads to everyone, held and hidden ones to their author and moderators', () => {
    expect(isPublicPost(post())).toBe(true);
    expect(isPublicPost(post({ status: 'pending' }))).toBe(false);
    expect(isPublicPost(post(), { hiddenAt: new Date(), deletedAt: null })).toBe(false);
    for (const state of [{ status: 'pending' }, { hiddenAt: new Date() }]) {
      expect(canSeePostById(reader, channel, true, post(state), thread)).toBe(false);
      expect(canSeePostById(null, channel, true, post(state), thread)).toBe(false);
      expect(canSeePostById(author, channel, true, post(state), thread)).toBe(true);
      expect(canSeePostById(moderator, channel, true, post(state), thread)).toBe(true);
    }
    expect(canSeePostById(moderator, channel, true, post({ deletedAt: new Date() }), thread)).toBe(false);
    expect(canSeePostById(reader, channel, false, post(), thread)).toBe(false);
  });

  it('is the same rule as a query filter', () => {
    expect(visiblePostsWhere(moderator, true)).toEqual({ deletedAt: null });
    expect(visiblePostsWhere(null, false)).toEqual({ deletedAt: null, OR: [{ status: 'published', hiddenAt: null }] });
    expect(visiblePostsWhere(reader, false)).toEqual({ deletedAt: null, OR: [{ status: 'published', hiddenAt: null }, { authorId: 'r' }] });
    expect(visibleThreadsWhere(reader, false)).toEqual({ deletedAt: null, OR: [{ hiddenAt: null }, { authorId: 'r' }] });
    expect(publicPostsSql('p', 't')).toBe(
      `p."status" = 'published' AND p."hiddenAt" IS NULL AND p."deletedAt" IS NULL AND t."hiddenAt" IS NULL AND t."deletedAt" IS NULL`,
    );
  });
});

describe('realtime room names', () => {
  it('are built and read back, and unknown kinds are refused', () => {
    expect(roomOf('thread', 'x1')).toBe('thread:x1');
    expect(parseRoom('request:AB:CD')).toEqual({ kind: 'request', id: 'AB:CD' });
    expect(parseRoom('staff:1')).toBeNull();
    expect(parseRoom('thread:')).toBeNull();
    expect(parseRoom('nocolon')).toBeNull();
  });
});
