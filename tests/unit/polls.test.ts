import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import '~/lib/forms';
import { localDateTimeIn } from '~/lib/time';
import { canAddPoll, canClosePoll, canSeePollResults, canVote, isPollOpen } from '~/modules/channels/policy';
import { newPollSchema, VoteFormSchema } from '~/modules/channels/polls/schemas';
import type { SessionUser } from '~/modules/identity/session.server';

/** The add-poll form's schema and the poll rules of the channel policy, as pure functions. */
const ZONE = 'America/Los_Angeles';
const NOW = new Date('2026-03-01T12:00:00Z');
const schema = newPollSchema(ZONE, () => NOW);

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return parseWithZod(data, { schema });
}
const good = { question: 'Which night?', kind: 'single', options: 'Friday\nSaturday\n\n  Sunday  ' };
const errorsOf = (fields: Record<string, string>) => {
  const result = form(fields);
  return result.status === 'success' ? {} : (result.error ?? {});
};

describe('the add-poll schema', () => {
  it('takes one option per line, trimmed, blank lines left out; a single-choice poll takes one', () => {
    const result = form(good);
    expect(result.status).toBe('success');
    if (result.status !== 'success') return;
    expect(result.value).toEqual({
      question: 'Which night?',
      kind: 'single',
      options: ['Friday', 'Saturday', 'Sunday'],
      maxChoices: 1,
      closesAt: null,
    });
  });

  it('refuses fewer than 2 and more than 20 options, duplicates and over-long options', () => {
    expect(errorsOf({ ...good, options: 'Only one' }).options).toEqual(['channels:poll.errors.tooFewOptions|{"min":2}']);
    const many = Array.from({ length: 21 }, (_, i) => `Option ${i}`).join('\n');
    expect(errorsOf({ ...good, options: many }).options).toEqual(['channels:poll.errors.tooManyOptions|{"max":20}']);
    expect(form({ ...good, options: Array.from({ length: 20 }, (_, i) => `Option ${i}`).join('\n') }).status).toBe('success');
    expect(errorsOf({ ...good, options: 'Yes\nNo\n yes' }).options).toEqual(['channels:poll.errors.duplicateOption|{"option":"yes"}']);
    expect(errorsOf({ ...good, options: `Yes\n${'x'.repeat(101)}` }).options).toEqual(['channels:poll.errors.optionTooLong|{"max":100}']);
    expect(errorsOf({ ...good, options: '' }).options).toEqual(['forms:required']);
  });

  it('lets a multiple-choice poll limit choices to between 2 and the number of options', () => {
    const multiple = { ...good, kind: 'multiple' };
    const ok = form({ ...multiple, maxChoices: '2' });
    expect(ok.status === 'success' && ok.value.maxChoices).toBe(2);
    const any = form(multiple);
    expect(any.status === 'success' && any.value.maxChoices).toBe(3);
    expect(errorsOf({ ...multiple, maxChoices: '4' }).maxChoices).toEqual(['channels:poll.errors.maxChoicesRange|{"min":2,"max":3}']);
    expect(errorsOf({ ...multiple, maxChoices: '1' }).maxChoices).toEqual(['channels:poll.errors.maxChoicesRange|{"min":2,"max":3}']);
    expect(errorsOf({ ...good, kind: 'ranked' }).kind).toEqual(['forms:choose']);
  });

  it("reads the close time on the city's clock and refuses one in the past or that does not exist", () => {
    const later = form({ ...good, closesAt: '2026-03-09T18:30' });
    expect(later.status === 'success' && later.value.closesAt?.toISOString()).toBe('2026-03-10T01:30:00.000Z'); // PDT from March 8
    expect(errorsOf({ ...good, closesAt: '2026-02-28T18:30' }).closesAt).toEqual(['channels:poll.errors.closesInPast']);
    expect(errorsOf({ ...good, closesAt: '2026-02-30T18:30' }).closesAt).toEqual(['channels:poll.errors.closesAtInvalid']);
    expect(errorsOf({ ...good, closesAt: 'tomorrow' }).closesAt).toEqual(['channels:poll.errors.closesAtInvalid']);
    expect(localDateTimeIn('2026-01-15T09:00', ZONE)?.toISOString()).toBe('2026-01-15T17:00:00.000Z'); // PST
  });

  it('reads a vote as a list of option keys, one or several, and refuses none', () => {
    const one = new FormData();
    one.append('intent', 'vote');
    one.append('postId', 'p1');
    one.append('choices', 'o2');
    const parsed = parseWithZod(one, { schema: VoteFormSchema });
    expect(parsed.status === 'success' && parsed.value.choices).toEqual(['o2']);
    one.append('choices', 'o3');
    const two = parseWithZod(one, { schema: VoteFormSchema });
    expect(two.status === 'success' && two.value.choices).toEqual(['o2', 'o3']);
    const none = new FormData();
    none.append('intent', 'vote');
    none.append('postId', 'p1');
    const refused = parseWithZod(none, { schema: VoteFormSchema });
    expect(refused.status === 'error' && refused.error?.choices).toEqual(['channels:poll.errors.chooseOne']);
  });
});

const user = (id: string, grants: SessionUser['grants'] = [], status: SessionUser['status'] = 'active'): SessionUser => ({
  id,
  displayName: id,
  email: `${id}@example.org`,
  emailVerifiedAt: new Date(),
  locale: 'en',
  neighborhoodId: null,
  status,
  createdAt: new Date(0),
  grants,
  sessionId: 's',
});
const channel = { id: 'c1', visibility: 'public' };
const privateChannel = { id: 'c2', visibility: 'members' };
const author = user('a');
const resident = user('r');
const moderator = user('m', [{ id: 'g', role: 'moderator', scopeKind: 'channel', scopeId: 'c1' }]);
const otherModerator = user('m2', [{ id: 'g', role: 'moderator', scopeKind: 'channel', scopeId: 'c9' }]);
const thread = { authorId: 'a', locked: false, hiddenAt: null, deletedAt: null };
const opening = { authorId: 'a', status: 'published', hiddenAt: null, deletedAt: null };
const residentsReply = { ...opening, authorId: 'r' };
const poll = { createdById: 'a', closesAt: null, closedAt: null };

describe('who adds a poll', () => {
  it('is the thread author on their own post, or a moderator of the channel on any public post', () => {
    expect(canAddPoll(author, channel, false, opening, thread)).toBe(true);
    expect(canAddPoll(resident, channel, false, opening, thread)).toBe(false);
    // A reply of one's own in someone else's thread is not enough.
    expect(canAddPoll(resident, channel, false, residentsReply, thread)).toBe(false);
    expect(canAddPoll(author, channel, false, residentsReply, thread)).toBe(false);
    expect(canAddPoll(moderator, channel, false, residentsReply, thread)).toBe(true);
    expect(canAddPoll(otherModerator, channel, false, residentsReply, thread)).toBe(false);
    expect(canAddPoll(null, channel, false, opening, thread)).toBe(false);
  });

  it('never in a locked or hidden thread, on a held post, or for an account that may not write', () => {
    expect(canAddPoll(author, channel, false, opening, { ...thread, locked: true })).toBe(false);
    expect(canAddPoll(moderator, channel, false, opening, { ...thread, hiddenAt: new Date() })).toBe(false);
    expect(canAddPoll(author, channel, false, { ...opening, status: 'pending' }, thread)).toBe(false);
    expect(canAddPoll(user('a', [], 'suspended'), channel, false, opening, thread)).toBe(false);
    expect(canAddPoll(author, privateChannel, false, opening, thread)).toBe(false);
    expect(canAddPoll(author, privateChannel, true, opening, thread)).toBe(true);
  });
});

describe('who votes', () => {
  it('is anyone who may react, while the poll is open and the thread takes replies', () => {
    expect(canVote(resident, channel, false, opening, thread, poll, NOW)).toBe(true);
    expect(canVote(author, channel, false, opening, thread, poll, NOW)).toBe(true);
    expect(canVote(null, channel, false, opening, thread, poll, NOW)).toBe(false);
    expect(canVote(resident, privateChannel, false, opening, thread, poll, NOW)).toBe(false);
    expect(canVote(resident, privateChannel, true, opening, thread, poll, NOW)).toBe(true);
    expect(canVote(resident, channel, false, opening, { ...thread, locked: true }, poll, NOW)).toBe(false);
    expect(canVote(moderator, channel, false, opening, { ...thread, locked: true }, poll, NOW)).toBe(false);
    expect(canVote(resident, channel, false, { ...opening, hiddenAt: new Date() }, thread, poll, NOW)).toBe(false);
    expect(canVote(user('r', [], 'banned'), channel, false, opening, thread, poll, NOW)).toBe(false);
  });

  it('stops at the close time or when closed by hand', () => {
    const closing = { ...poll, closesAt: new Date(NOW.getTime() + 1000) };
    expect(isPollOpen(closing, NOW)).toBe(true);
    expect(isPollOpen(closing, new Date(NOW.getTime() + 1000))).toBe(false);
    expect(canVote(resident, channel, false, opening, thread, { ...poll, closedAt: NOW }, NOW)).toBe(false);
  });
});

describe('who closes a poll early', () => {
  it('is its author or a moderator of the channel, while it is open', () => {
    expect(canClosePoll(author, channel, false, poll, NOW)).toBe(true);
    expect(canClosePoll(moderator, channel, false, poll, NOW)).toBe(true);
    expect(canClosePoll(resident, channel, false, poll, NOW)).toBe(false);
    expect(canClosePoll(otherModerator, channel, false, poll, NOW)).toBe(false);
    expect(canClosePoll(moderator, channel, false, { ...poll, closedAt: NOW }, NOW)).toBe(false);
  });
});

describe('who sees the results', () => {
  it('hides them only from someone who may vote and has not, unless they wrote the poll or moderate', () => {
    expect(canSeePollResults(resident, channel, poll, { mayVote: true, voted: false }, NOW)).toBe(false);
    expect(canSeePollResults(resident, channel, poll, { mayVote: true, voted: true }, NOW)).toBe(true);
    expect(canSeePollResults(null, channel, poll, { mayVote: false, voted: false }, NOW)).toBe(true);
    expect(canSeePollResults(author, channel, poll, { mayVote: true, voted: false }, NOW)).toBe(true);
    expect(canSeePollResults(moderator, channel, poll, { mayVote: true, voted: false }, NOW)).toBe(true);
    expect(canSeePollResults(resident, channel, { ...poll, closedAt: NOW }, { mayVote: true, voted: false }, NOW)).toBe(true);
  });
});
